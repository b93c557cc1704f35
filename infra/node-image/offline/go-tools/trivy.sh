#!/usr/bin/env bash
# Builds trivy (image and config scanner of the CKS toolset).
# usage: trivy.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

# Built as the main module from a copy of its directory: trivy's go.mod/go.sum then apply exactly as upstream
# (older releases carry replace lines, which a wrapper module would silently drop).
copy_module "$work/src" github.com/aquasecurity/trivy "$TRIVY_VERSION"
cd "$work/src"
say "building trivy $TRIVY_VERSION"
go build "${go_build_flags[@]}" -ldflags "-s -w -X github.com/aquasecurity/trivy/pkg/version/app.ver=${TRIVY_VERSION#v}" \
  -o "$out/trivy" ./cmd/trivy
"$out/trivy" --version
