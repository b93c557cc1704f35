#!/usr/bin/env bash
# Runs once at image build time inside a build container: imports image tarballs into containerd's k8s.io
# namespace (content only: kind nodes unpack on first use) and pins them so the kubelet never collects them.
# usage: preload-images.sh TARBALL...
set -euo pipefail
log=/tmp/containerd-preload.log
containerd >"$log" 2>&1 &
pid=$!
deadline=$((SECONDS + 60))
until ctr version >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then echo "containerd did not start within 60s:"; tail -20 "$log"; exit 1; fi
  kill -0 "$pid" 2>/dev/null || { echo "containerd exited:"; tail -20 "$log"; exit 1; }
  sleep 0.2
done
for tarball in "$@"; do
  ctr -n k8s.io images import --no-unpack --all-platforms "$tarball"
done
for ref in $(ctr -n k8s.io images ls -q); do
  ctr -n k8s.io images label "$ref" io.cri-containerd.pinned=pinned >/dev/null
done
ctr -n k8s.io images ls -q
kill "$pid"
wait "$pid" || true
