#!/bin/bash
# Another correct answer: each key listed under items with its own mode, written in decimal (256 = 0400).
# (Applied on top of solution/deployment.sh, in place of its defaultMode.)
set -euo pipefail
kubectl -n orders patch deployment api --type=json -p '[
  {"op": "remove", "path": "/spec/template/spec/volumes/0/secret/defaultMode"},
  {"op": "add", "path": "/spec/template/spec/volumes/0/secret/items", "value": [
    {"key": "db-password", "path": "db-password", "mode": 256},
    {"key": "api-token", "path": "api-token", "mode": 256}
  ]}
]'
