#!/usr/bin/env bash
# Mistake: the right findings, but deletes the ClusterRole secret-reader behind ClusterRoleBinding
# image-builder-secrets (payments-api's RoleBinding uses it too, so the checkout app can no longer read its Secret),
# and deletes Secret payment-gateway-key instead of rotating it.
set -euo pipefail
cat > /root/incident.txt <<'REPORT'
serviceaccount: system:serviceaccount:ci:image-builder
secrets: payments/payment-gateway-key
pod: payments/ledger
REPORT
kubectl delete clusterrole secret-reader
kubectl delete rolebinding image-builder-debug --namespace payments
kubectl delete secret payment-gateway-key --namespace payments
kubectl delete pod ledger --namespace payments --wait=false
