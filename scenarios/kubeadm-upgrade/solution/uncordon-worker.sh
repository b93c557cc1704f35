wait_node_ready node01
retry kubectl uncordon node01
kubectl -n shop rollout status deployment/web --timeout=180s
kubectl -n shop rollout status deployment/client --timeout=180s
