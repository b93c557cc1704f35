# Mistake: read-only root filesystem with an emptyDir for /tmp only. The app also writes its PID file under
# /var/run, so the new pod crashes ("Read-only file system") and the rollout never completes; the old pod keeps
# serving, which hides the problem unless one looks at the rollout.
kubectl -n shop patch deployment web --type strategic -p '
spec:
  template:
    spec:
      containers:
        - name: web
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
'
# wait until the new pod's container has crashed at least once, and show why
for _ in $(seq 60); do
  crashed=$(kubectl -n shop get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name} {.status.containerStatuses[0].restartCount}{"\n"}{end}' | awk '$2 > 0 { print $1; exit }')
  if [ -n "$crashed" ]; then
    kubectl -n shop logs "$crashed" --previous --tail=5 || true
    exit 0
  fi
  sleep 2
done
echo "no web pod crashed" >&2
exit 1
