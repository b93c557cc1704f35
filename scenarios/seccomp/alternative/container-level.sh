# The same profiles in each container's securityContext instead of the pod's; the profile installed with install -D.
install -D -m 0644 /root/profiles/deny-chmod.json /var/lib/kubelet/seccomp/profiles/deny-chmod.json
kubectl -n hardening patch deployment api --type strategic -p '
spec:
  template:
    spec:
      containers:
        - name: api
          securityContext:
            seccompProfile:
              type: RuntimeDefault
'
kubectl -n hardening patch deployment uploader --type strategic -p '
spec:
  template:
    spec:
      containers:
        - name: uploader
          securityContext:
            seccompProfile:
              type: Localhost
              localhostProfile: profiles/deny-chmod.json
'
kubectl -n hardening rollout status deployment api --timeout=150s
kubectl -n hardening rollout status deployment uploader --timeout=150s
