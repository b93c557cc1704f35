# Pins the enforced level to the cluster's own version (v1.<minor>) instead of latest, and replaces the
# Deployment from a manifest with container-level securityContext settings.
minor=$(kubectl version -o json | jq -r '.serverVersion.minor' | tr -dc '0-9')
kubectl label namespace billing --overwrite \
  pod-security.kubernetes.io/enforce=restricted \
  "pod-security.kubernetes.io/enforce-version=v1.$minor"
kubectl replace -f /root/billing/invoices.yaml
kubectl -n billing rollout status deployment invoices --timeout=150s
