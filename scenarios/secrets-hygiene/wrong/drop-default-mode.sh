#!/bin/bash
# Mistake: the Secret is mounted as files, but without defaultMode, so the files get the default 0644.
# (Applied on top of solution/deployment.sh: the same Deployment with that one field taken out.)
set -euo pipefail
kubectl -n orders patch deployment api --type=json \
  -p '[{"op": "remove", "path": "/spec/template/spec/volumes/0/secret/defaultMode"}]'
