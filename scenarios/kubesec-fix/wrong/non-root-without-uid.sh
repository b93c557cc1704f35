# Sets runAsNonRoot but no user: busybox runs as root (UID 0), so the kubelet refuses to start the container, and
# kubesec misses the runAsUser point (score 6).
cat > /root/kubesec/invoice-worker.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: invoice-worker
  namespace: billing
  labels:
    app: invoice-worker
spec:
  containers:
    - name: worker
      image: busybox:1.37
      command: ['sh', '-c', 'trap "exit 0" TERM; while true; do date >> /tmp/heartbeat; sleep 5 & wait $!; done']
      securityContext:
        runAsNonRoot: true
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: ['ALL']
      resources:
        limits:
          cpu: 100m
          memory: 64Mi
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir: {}
YAML
kubectl replace --force -f /root/kubesec/invoice-worker.yaml
