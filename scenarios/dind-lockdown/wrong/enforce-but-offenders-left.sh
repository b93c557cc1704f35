# Mistake: enforcing a level does not evict pods that already run.
export KUBECONFIG="${KUBECONFIG:-/etc/kubernetes/admin.conf}"
kubectl label namespace ci --overwrite pod-security.kubernetes.io/enforce=baseline
