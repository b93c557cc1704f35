# Mistake: enforces restricted and stops there. The label only warns about the running invoices pods; they keep
# running as root, and the Deployment looks healthy until one of them is replaced.
kubectl label namespace billing --overwrite pod-security.kubernetes.io/enforce=restricted
