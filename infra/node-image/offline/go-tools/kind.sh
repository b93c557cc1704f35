#!/usr/bin/env bash
# Builds the kind CLI (the host-side tool our cluster provider drives).
# usage: kind.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

new_wrapper_module "$work/module" sigs.k8s.io/kind "$KIND_VERSION"
cd "$work/module"
say "building kind $KIND_VERSION"
go build "${go_build_flags[@]}" -ldflags "-s -w" -o "$out/kind" sigs.k8s.io/kind
"$out/kind" version
