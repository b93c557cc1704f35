#!/usr/bin/env bash
# Mistake: sees payments/payments-api read a Secret in payments again and again and takes it for the intruder.
# Reports it, deletes its RoleBinding, rotates the Secret it reads and deletes its pod; the real intruder keeps its
# access, its Secret is not rotated and the pod it exec'd into keeps running.
set -euo pipefail
cat > /root/incident.txt <<'REPORT'
serviceaccount: payments/payments-api
secrets: payments/db-credentials
pod: payments/checkout
REPORT
kubectl delete rolebinding payments-api-secrets --namespace payments
kubectl patch secret db-credentials --namespace payments --type merge -p '{"stringData":{"password":"n3w-Pa55w0rd-2024"}}'
kubectl delete pod checkout --namespace payments --wait=false
