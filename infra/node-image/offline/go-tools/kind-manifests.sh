#!/usr/bin/env bash
# Extracts the manifests kind applies on `kind create cluster` from the kind module: default-cni.yaml (kindnetd,
# pointing at our locally built kindnetd image) and default-storage.yaml (local-path-provisioner), for the node's
# /kind/manifests/. kind keeps them as Go string constants; goconst/ evaluates those at build time.
# usage: kind-manifests.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

consts="$(module_dir "sigs.k8s.io/kind@$KIND_VERSION")/pkg/build/nodeimage"
goconst() { (cd "$work" && go run "$go_tools_dir/goconst/main.go" "$@"); }

say "extracting kind $KIND_VERSION default manifests"
# The CNI manifest stays a template ({{ .PodSubnet }}): kind renders it at cluster creation.
goconst -file "$consts/const_cni.go" -name defaultCNIManifest -set "kindnetdImage=$KINDNETD_IMAGE" \
  > "$out/default-cni.yaml"
goconst -file "$consts/const_storage.go" -name defaultStorageManifest > "$out/default-storage.yaml"
grep -q 'would you kindly template this file' "$out/default-cni.yaml" || {
  echo "kind $KIND_VERSION's CNI manifest lacks the template marker kind looks for; check $consts/const_cni.go" >&2
  exit 1
}
grep -h 'image:' "$out/default-cni.yaml" "$out/default-storage.yaml" | sed 's/^ *//'
