#!/usr/bin/env bash
# Builds local-path-provisioner, the default StorageClass's provisioner in kind's default-storage.yaml (optional).
# usage: local-path-provisioner.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

mod=github.com/rancher/local-path-provisioner
new_wrapper_module "$work/module" "$mod" "$LOCAL_PATH_PROVISIONER_VERSION"
cd "$work/module"
say "building local-path-provisioner $LOCAL_PATH_PROVISIONER_VERSION"
go build "${go_build_flags[@]}" -ldflags "-s -w -X main.VERSION=$LOCAL_PATH_PROVISIONER_VERSION" \
  -o "$out/local-path-provisioner" "$mod"
"$out/local-path-provisioner" --version
