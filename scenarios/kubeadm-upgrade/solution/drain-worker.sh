retry kubectl drain node01 --ignore-daemonsets --delete-emptydir-data
