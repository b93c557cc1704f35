#!/bin/bash
# Verify: no ConfigMap in namespace orders holds the API token any more (under key token or any other key).
set -uo pipefail
token=tok-4b1e9c2d77a0f6
if ! json=$(timeout 20 kubectl -n orders get configmaps -o json 2>&1); then
  echo "could not list the ConfigMaps in orders: $(head -c 300 <<<"$json")"
  exit 1
fi
found=$(jq -r --arg t "$token" '.items[] | .metadata.name as $n | (.data // {}) | to_entries[]
  | select(.value | contains($t)) | "\($n)/\(.key)"' <<<"$json" | head -5 | paste -sd, -)
if [ -n "$found" ]; then
  echo "expected no ConfigMap in orders to hold the API token, but it is still in: $found"
  exit 1
fi
echo "no ConfigMap in orders holds the API token"
