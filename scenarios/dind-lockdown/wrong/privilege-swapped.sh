# Mistake: "fixes" the offenders by swapping one route to the node for another, before enforcing baseline:
# docker-builder gets CAP_SYS_ADMIN instead of privileged, image-janitor the node's PID namespace instead of the
# socket mount (the socket is still at /proc/1/root/run/containerd/containerd.sock). Both run on.
kubectl -n ci patch deployment docker-builder --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext",
   "value": {"capabilities": {"add": ["SYS_ADMIN"]}}}]'
kubectl -n ci patch deployment image-janitor --type=json -p '[
  {"op": "remove", "path": "/spec/template/spec/volumes"},
  {"op": "remove", "path": "/spec/template/spec/containers/0/volumeMounts"},
  {"op": "add", "path": "/spec/template/spec/hostPID", "value": true}]'
kubectl -n ci rollout status deployment docker-builder --timeout=120s
kubectl -n ci rollout status deployment image-janitor --timeout=120s
kubectl label namespace ci --overwrite pod-security.kubernetes.io/enforce=baseline
