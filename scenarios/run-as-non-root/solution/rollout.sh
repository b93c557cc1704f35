# The fixed manifest is in place (the solution's copy step stands for editing it with vim): apply it and wait for
# the rollout. runAsUser/runAsGroup set the process's IDs, fsGroup adds group 2000 to it and hands the volumes to
# that group (the token Secret becomes group-readable, /data group-writable with the setgid bit), and runAsNonRoot
# makes the kubelet refuse to start the container as root.
kubectl apply -f /root/analytics/reports.yaml
kubectl -n analytics rollout status deployment reports --timeout=120s
kubectl -n analytics exec deploy/reports -- sh -c 'grep -E "^(Uid|Gid|Groups):" /proc/1/status; ls -ln /data'
