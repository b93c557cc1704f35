# Mistake: enforces restricted, then hardens invoices but forgets the seccomp profile. Pod Security Admission
# rejects every new pod (visible only in the ReplicaSet's events); the old root pods keep serving and the
# Deployment stays Available, so only the rollout shows the change never went out.
kubectl label namespace billing --overwrite pod-security.kubernetes.io/enforce=restricted

kubectl -n billing patch deployment invoices --type strategic -p '
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
'
