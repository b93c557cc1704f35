#!/usr/bin/env bash
# Builds etcd and etcdctl (the control-plane etcd image and the CKS shell's etcdctl).
# usage: etcd.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

# The server's package main lives in the root module go.etcd.io/etcd/v3, which drags the whole test tree into the
# module graph; a main of our own calling etcdmain.Main is the same program.
mod="$work/module"
new_wrapper_module "$mod" go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
cd "$mod"
go mod edit -require="go.etcd.io/etcd/etcdctl/v3@$ETCD_VERSION"
cat > main.go <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO

ldflags="-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=cks-lab-offline"
say "building etcd and etcdctl $ETCD_VERSION"
go build "${go_build_flags[@]}" -ldflags "$ldflags" -o "$out/etcd" .
go build "${go_build_flags[@]}" -ldflags "$ldflags" -o "$out/etcdctl" go.etcd.io/etcd/etcdctl/v3
"$out/etcd" --version
"$out/etcdctl" version
