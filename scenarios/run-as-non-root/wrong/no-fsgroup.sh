# Mistake: sets the user, group and runAsNonRoot but no fsGroup. The token Secret stays readable by root only
# (mode 0400), so the app exits at start: the new pod crash-loops, the rollout never completes and the old pod,
# running as root, keeps serving.
kubectl -n analytics patch deployment reports --type merge -p '
{"spec": {"template": {"spec": {"securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "runAsGroup": 3000}}}}}'
