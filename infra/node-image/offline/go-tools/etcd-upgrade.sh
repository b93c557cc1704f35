#!/usr/bin/env bash
# Builds the etcd that UPGRADE_KUBERNETES_VERSION's kubeadm deploys (UPGRADE_ETCD_VERSION) with etcd.sh.
# usage: etcd-upgrade.sh WORKDIR OUTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../versions.env"
source "$here/with-versions.sh"
run_with_versions etcd.sh "$1" "$2" ETCD_VERSION="$UPGRADE_ETCD_VERSION"
