# Mistake: enforcing a level does not evict pods that already run.
kubectl label namespace ci --overwrite pod-security.kubernetes.io/enforce=baseline
