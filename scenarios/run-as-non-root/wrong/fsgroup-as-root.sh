# Mistake: sets fsGroup alone and leaves the user root and runAsNonRoot unset: the pod rolls out and serves, with
# group 2000 on its files, but the process still runs as root (UID 0, GID 0) and nothing forbids it. (runAsGroup
# without runAsUser is no option here: containerd refuses to create the sandbox, "user group is specified without
# user".)
kubectl -n analytics patch deployment reports --type merge -p '
{"spec": {"template": {"spec": {"securityContext": {"fsGroup": 2000}}}}}'
kubectl -n analytics rollout status deployment reports --timeout=120s
