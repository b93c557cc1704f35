# Mistake: sets runAsNonRoot alone. busybox's user is root (UID 0), so the kubelet refuses to create the container
# (CreateContainerConfigError); the rollout never completes and the old pod keeps running as root.
kubectl -n analytics patch deployment reports --type merge -p '
{"spec": {"template": {"spec": {"securityContext": {"runAsNonRoot": true}}}}}'
