#!/usr/bin/env bash
# Builds CoreDNS (the cluster DNS image kubeadm deploys).
# usage: coredns.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

new_wrapper_module "$work/module" github.com/coredns/coredns "$COREDNS_VERSION"
cd "$work/module"
say "building coredns $COREDNS_VERSION"
go build "${go_build_flags[@]}" -ldflags "-s -w -X github.com/coredns/coredns/coremain.GitCommit=cks-lab-offline" \
  -o "$out/coredns" github.com/coredns/coredns
"$out/coredns" -version
