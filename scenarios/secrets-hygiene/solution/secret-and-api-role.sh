#!/bin/bash
# Move both credentials, values unchanged, into Secret api-credentials, and let ServiceAccount api get that one
# Secret (resourceNames) and nothing else.
set -euo pipefail
token=$(kubectl -n orders get configmap api-config -o jsonpath='{.data.token}')
password=$(kubectl -n orders get deployment api \
  -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="DB_PASSWORD")].value}')
kubectl -n orders create secret generic api-credentials \
  --from-literal=db-password="$password" --from-literal=api-token="$token" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n orders create role api-credentials-reader --verb=get --resource=secrets \
  --resource-name=api-credentials --dry-run=client -o yaml | kubectl apply -f -
kubectl -n orders create rolebinding api-credentials-reader --role=api-credentials-reader \
  --serviceaccount=orders:api --dry-run=client -o yaml | kubectl apply -f -
kubectl auth can-i get secret/api-credentials -n orders --as=system:serviceaccount:orders:api
