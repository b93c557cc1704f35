#!/usr/bin/env bash
# Builds crictl (CRI client on every node; CKS candidates use it).
# usage: crictl.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

new_wrapper_module "$work/module" sigs.k8s.io/cri-tools "$CRICTL_VERSION"
cd "$work/module"
say "building crictl $CRICTL_VERSION"
go build "${go_build_flags[@]}" -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION" \
  -o "$out/crictl" sigs.k8s.io/cri-tools/cmd/crictl
"$out/crictl" --version
