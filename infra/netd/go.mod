module cks-lab.local/netd

go 1.19
