# Task 1: the RuntimeDefault profile in api's pod securityContext (a change of the pod template rolls it out).
kubectl -n hardening patch deployment api --type merge -p '
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
'
# Task 2: the kubelet reads Localhost profiles relative to its seccomp directory, /var/lib/kubelet/seccomp.
mkdir -p /var/lib/kubelet/seccomp/profiles
cp /root/profiles/deny-chmod.json /var/lib/kubelet/seccomp/profiles/deny-chmod.json
kubectl -n hardening patch deployment uploader --type merge -p '
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Localhost
          localhostProfile: profiles/deny-chmod.json
'
kubectl -n hardening rollout status deployment api --timeout=150s
kubectl -n hardening rollout status deployment uploader --timeout=150s
kubectl -n hardening exec deploy/api -- grep Seccomp: /proc/1/status
kubectl -n hardening exec deploy/uploader -- sh -c 'touch /tmp/probe; chmod 600 /tmp/probe' || true
