#!/bin/bash
# The reporter's own identity, allowed to read one ConfigMap by name and nothing else (resourceNames cannot
# restrict list or watch, so those verbs are not granted at all).
set -euo pipefail
kubectl -n payments create serviceaccount report-reader --dry-run=client -o yaml | kubectl apply -f -
kubectl -n payments create role report-reader --verb=get --resource=configmaps --resource-name=report-config \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n payments create rolebinding report-reader --role=report-reader \
  --serviceaccount=payments:report-reader --dry-run=client -o yaml | kubectl apply -f -
kubectl auth can-i get configmap/report-config -n payments --as=system:serviceaccount:payments:report-reader
