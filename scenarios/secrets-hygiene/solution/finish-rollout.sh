#!/bin/bash
# Wait for the new pods, then drop the token from the ConfigMap (no pod reads it any more) and wait until the old
# pod is gone.
set -euo pipefail
kubectl -n orders rollout status deployment api --timeout=120s
kubectl -n orders patch configmap api-config --type=json -p '[{"op": "remove", "path": "/data/token"}]'
for _ in $(seq 60); do
  [ "$(kubectl -n orders get pods -l app=api --no-headers | wc -l)" -eq 1 ] && exit 0
  sleep 1
done
echo 'the old api pod did not go away' >&2
exit 1
