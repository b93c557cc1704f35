#!/usr/bin/env bash
# Builds kindnetd, kind's default CNI daemon, from kind's nested module sigs.k8s.io/kind/images/kindnetd.
# usage: kindnetd.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

if [ -z "${KINDNETD_MODULE_VERSION:-}" ]; then
  cat >&2 <<MSG
kindnetd: KINDNETD_MODULE_VERSION is empty in versions.env. kind $KIND_VERSION's CNI image is built from the nested
module sigs.k8s.io/kind/images/kindnetd, which has no tags, and the Go module proxy we reach serves none of the
pseudo-versions we could derive (kind's release commits) and lists none.
Set KINDNETD_MODULE_VERSION to a pseudo-version the proxy serves, or choose another CNI for the offline image.
MSG
  exit 1
fi
new_wrapper_module "$work/module" sigs.k8s.io/kind/images/kindnetd "$KINDNETD_MODULE_VERSION"
cd "$work/module"
say "building kindnetd $KINDNETD_MODULE_VERSION"
go build "${go_build_flags[@]}" -ldflags "-s -w" -o "$out/kindnetd" sigs.k8s.io/kind/images/kindnetd/cmd/kindnetd
test -x "$out/kindnetd"
