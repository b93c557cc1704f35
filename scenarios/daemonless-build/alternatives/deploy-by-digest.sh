# Pins the Deployment to the digest the build Job reported in its termination message.
set -euo pipefail
digest=$(kubectl -n ci get pods -l job-name=build-storefront \
  -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.message}')
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "no digest from the build: $digest" >&2; exit 1; }
kubectl -n shop create deployment storefront --image="localhost:5000/shop/storefront@$digest" --port=8080
