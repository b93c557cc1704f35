#!/bin/bash
# reporting keeps reading ConfigMaps, but its Role no longer names secrets.
set -euo pipefail
kubectl -n orders create role reporting --verb=get,list,watch --resource=configmaps \
  --dry-run=client -o yaml | kubectl replace -f -
if kubectl auth can-i get secrets -n orders --as=system:serviceaccount:orders:reporting; then
  echo 'reporting can still get secrets' >&2
  exit 1
fi
