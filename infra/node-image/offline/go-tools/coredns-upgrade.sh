#!/usr/bin/env bash
# Builds the CoreDNS that UPGRADE_KUBERNETES_VERSION's kubeadm deploys (UPGRADE_COREDNS_VERSION) with coredns.sh.
# usage: coredns-upgrade.sh WORKDIR OUTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../versions.env"
source "$here/with-versions.sh"
run_with_versions coredns.sh "$1" "$2" COREDNS_VERSION="$UPGRADE_COREDNS_VERSION"
