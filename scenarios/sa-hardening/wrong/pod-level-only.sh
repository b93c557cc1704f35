#!/bin/bash
# Mistake: automount is switched off in ledger's pod template only; the default ServiceAccount still hands a
# token to every other pod that uses it.
set -euo pipefail
kubectl -n payments patch deployment ledger --type=merge \
  -p '{"spec": {"template": {"spec": {"automountServiceAccountToken": false}}}}'
kubectl -n payments rollout status deployment ledger --timeout=90s
