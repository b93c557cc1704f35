# Mistake: the profile is copied straight into /var/lib/kubelet/seccomp/ while the pod asks for
# profiles/deny-chmod.json. The kubelet cannot load it, the new uploader pod never starts (CreateContainerError) and
# the rolling update keeps the old, unconfined pod running.
mkdir -p /var/lib/kubelet/seccomp
cp /root/profiles/deny-chmod.json /var/lib/kubelet/seccomp/deny-chmod.json
kubectl -n hardening patch deployment uploader --type merge -p '
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Localhost
          localhostProfile: profiles/deny-chmod.json
'
# wait until the new pod reports the error, and show it
for _ in $(seq 60); do
  reason=$(kubectl -n hardening get pods -l app=uploader -o jsonpath='{range .items[*]}{.status.containerStatuses[0].state.waiting.reason}{"\n"}{end}' | grep -m1 -E '^CreateContainer(Config)?Error$' || true)
  if [ -n "$reason" ]; then
    kubectl -n hardening get pods -l app=uploader
    exit 0
  fi
  sleep 2
done
echo "no uploader pod reported CreateContainerError or CreateContainerConfigError" >&2
kubectl -n hardening get pods -l app=uploader >&2
exit 1
