#!/bin/bash
# Pods that use the default ServiceAccount of payments get no API token any more; running pods keep the token
# they were started with, so ledger is restarted.
set -euo pipefail
kubectl -n payments patch serviceaccount default -p '{"automountServiceAccountToken": false}'
kubectl -n payments rollout restart deployment ledger
kubectl -n payments rollout status deployment ledger --timeout=90s
