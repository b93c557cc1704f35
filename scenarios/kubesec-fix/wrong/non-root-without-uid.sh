# Sets runAsNonRoot but no user: busybox runs as root (UID 0), so the kubelet refuses to start the containers, and
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
  securityContext:
    runAsNonRoot: true
  containers:
    - name: worker
      image: busybox:1.37
      command: ['sh', '-c', 'trap "exit 0" TERM; while true; do date >> /tmp/heartbeat; sleep 5 & wait $!; done']
      securityContext:
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
    - name: log-shipper
      image: busybox:1.37
      command: ['sh', '-c', 'trap "exit 0" TERM; while true; do tail -n 1 /tmp/heartbeat 2>/dev/null; sleep 30 & wait $!; done']
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: ['ALL']
      resources:
        limits:
          cpu: 50m
          memory: 32Mi
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir: {}
YAML
kubectl replace --force -f /root/kubesec/invoice-worker.yaml
