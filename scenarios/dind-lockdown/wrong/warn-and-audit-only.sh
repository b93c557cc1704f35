# Mistake: warn and audit only report violations; nothing is denied.
kubectl label namespace ci --overwrite \
  pod-security.kubernetes.io/warn=baseline \
  pod-security.kubernetes.io/audit=baseline
kubectl -n ci delete deployment docker-builder image-janitor --wait=true
