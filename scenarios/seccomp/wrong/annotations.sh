# Mistake: the seccomp annotations from before Kubernetes 1.19 instead of the seccompProfile field. The API server
# only warns that they are non-functional; the pods roll out and run unconfined (Seccomp: 0), chmod still works.
mkdir -p /var/lib/kubelet/seccomp/profiles
cp /root/profiles/deny-chmod.json /var/lib/kubelet/seccomp/profiles/deny-chmod.json
kubectl -n hardening patch deployment api --type merge -p '
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
'
kubectl -n hardening patch deployment uploader --type merge -p '
spec:
  template:
    metadata:
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: localhost/profiles/deny-chmod.json
'
kubectl -n hardening rollout status deployment api --timeout=150s
kubectl -n hardening rollout status deployment uploader --timeout=150s
kubectl -n hardening exec deploy/api -- grep Seccomp: /proc/1/status
