#!/usr/bin/env bash
# Builds gVisor's runsc and its containerd shim (the `runsc` RuntimeClass handler inside each node).
# usage: gvisor.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

# GVISOR_VERSION is a pseudo-version of gVisor's `go` branch, the only one that is a plain Go module.
new_wrapper_module "$work/module" gvisor.dev/gvisor "$GVISOR_VERSION"
cd "$work/module"
say "building runsc and containerd-shim-runsc-v1 ($GVISOR_VERSION)"
go build "${go_build_flags[@]}" -ldflags "-s -w -X gvisor.dev/gvisor/runsc/version.version=$GVISOR_VERSION" \
  -o "$out/runsc" gvisor.dev/gvisor/runsc
go build "${go_build_flags[@]}" -ldflags "-s -w" -o "$out/containerd-shim-runsc-v1" gvisor.dev/gvisor/shim
"$out/runsc" --version
"$out/containerd-shim-runsc-v1" -v
