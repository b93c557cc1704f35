# Mistake: --cascade=orphan deletes the Deployments but leaves their ReplicaSets, and so their pods, running.
kubectl label namespace ci --overwrite pod-security.kubernetes.io/enforce=baseline
kubectl -n ci delete deployment docker-builder image-janitor --cascade=orphan --wait=true
