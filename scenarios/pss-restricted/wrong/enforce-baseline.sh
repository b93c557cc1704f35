# Mistake: enforces baseline and only warns and audits at restricted (the documented migration step, not the
# goal), then hardens invoices correctly. A pod that runs as root without a seccomp profile is still admitted.
kubectl label namespace billing --overwrite \
  pod-security.kubernetes.io/enforce=baseline \
  pod-security.kubernetes.io/warn=restricted \
  pod-security.kubernetes.io/audit=restricted

kubectl -n billing patch deployment invoices --type strategic -p '
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
'
kubectl -n billing rollout status deployment invoices --timeout=150s
