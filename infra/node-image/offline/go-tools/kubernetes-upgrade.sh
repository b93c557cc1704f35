#!/usr/bin/env bash
# Builds the upgrade scenario's target release (UPGRADE_KUBERNETES_VERSION) with kubernetes.sh: kubeadm, kubelet,
# kubectl and the control-plane binaries of the next minor, for scenarios that upgrade the cluster.
# usage: kubernetes-upgrade.sh WORKDIR OUTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../versions.env"
source "$here/with-versions.sh"
run_with_versions kubernetes.sh "$1" "$2" \
  KUBERNETES_VERSION="$UPGRADE_KUBERNETES_VERSION" STAGING_OVERRIDES="$UPGRADE_STAGING_OVERRIDES"
