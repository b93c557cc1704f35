#!/usr/bin/env bash
# Builds kubesec (static analysis of manifests, part of the CKS toolset).
# usage: kubesec.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

new_wrapper_module "$work/module" github.com/controlplaneio/kubesec/v2 "$KUBESEC_VERSION"
cd "$work/module"
say "building kubesec $KUBESEC_VERSION"
go build "${go_build_flags[@]}" \
  -ldflags "-s -w -X github.com/controlplaneio/kubesec/v2/cmd.version=$KUBESEC_VERSION -X github.com/controlplaneio/kubesec/v2/cmd.commit=cks-lab-offline" \
  -o "$out/kubesec" github.com/controlplaneio/kubesec/v2
"$out/kubesec" version
