#!/usr/bin/env bash
# Builds kube-router, of which the node runs only the NetworkPolicy firewall (--run-firewall, no routing, no
# service proxy): kind's own enforcer needs the kernel's NFT_QUEUE, which our hosts lack, and the Go module proxy
# serves no other maintained enforcer that is iptables/ipset based (see infra/README.md).
# usage: kube-router.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

# built as the main module, so the go.sum it was released with decides its dependencies
copy_module "$work/src" github.com/cloudnativelabs/kube-router/v2 "$KUBE_ROUTER_VERSION"
cd "$work/src"
say "building kube-router $KUBE_ROUTER_VERSION"
ldflags="-s -w -X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION"
go build "${go_build_flags[@]}" -ldflags "$ldflags" -o "$out/kube-router" ./cmd/kube-router
"$out/kube-router" --version
