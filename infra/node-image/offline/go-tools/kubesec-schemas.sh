#!/usr/bin/env bash
# Generates the JSON schemas kubesec validates manifests against (via kubeconform) from the OpenAPI document in the
# Kubernetes module, so `kubesec scan` works without network. On the node: SCHEMA_LOCATION=<this folder>.
# usage: kubesec-schemas.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

swagger="$(module_dir "k8s.io/kubernetes@$KUBERNETES_VERSION")/api/openapi-spec/swagger.json"
say "generating kubesec schemas from Kubernetes $KUBERNETES_VERSION's OpenAPI document"
(cd "$work" && go run "$go_tools_dir/kubeschemas/main.go" -swagger "$swagger" -out "$out")
test -s "$out/master-standalone-strict/pod-v1.json"
