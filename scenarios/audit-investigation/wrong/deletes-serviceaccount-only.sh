#!/usr/bin/env bash
# Mistake: the right findings, but deletes the ServiceAccount instead of its bindings. Its tokens stop working, yet
# ClusterRoleBinding image-builder-secrets and RoleBinding payments/image-builder-debug still grant everything to
# system:serviceaccount:ci:image-builder: whoever recreates the ServiceAccount gets the access back.
set -euo pipefail
cat > /root/incident.txt <<'REPORT'
serviceaccount: ci/image-builder
secrets: payments/payment-gateway-key
pod: payments/ledger
REPORT
kubectl delete serviceaccount image-builder --namespace ci
kubectl create secret generic payment-gateway-key --namespace payments \
  --from-literal=api-key="$(head -c 24 /dev/urandom | base64)" --dry-run=client -o yaml | kubectl apply -f -
kubectl delete pod ledger --namespace payments --wait=false
