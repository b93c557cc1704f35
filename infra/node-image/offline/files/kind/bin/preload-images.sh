#!/usr/bin/env bash
# Runs once at image build time inside a build container: imports image tarballs into containerd's k8s.io
# namespace, unpacked, and pins them so the kubelet never collects them.
#
# Unpacking here instead of on first use saves every new node about 10 CPU-seconds (kube-proxy, kube-router and
# netd alone are ~540 MB of layers). Two things keep that gain at run time:
# - the unpacked layers move out of /var to /opt/cks-lab/containerd-snapshots, with symlinks left in their place:
#   kind gives each node a fresh /var volume and Docker copies the image's /var into it file by file (17 s for
#   the ~17k files of the unpacked layers; a few symlinks copy at once). They are only ever overlay lowerdirs,
#   which may live on the node's own overlay root; the writable upper dirs stay on the /var volume.
# - the layer blobs of the images unpacked here are dropped (what containerd's discard_unpacked_layers does for
#   pulls), so /var stays small.
# A layer that deletes files (a whiteout or opaque-directory entry) is refused: Docker's overlay driver would read
# the unpacked whiteout as one of its own when committing this container and silently drop it.
# usage: preload-images.sh TARBALL...
set -euo pipefail
log=/tmp/containerd-preload.log
snapshots=/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots
lowers=/opt/cks-lab/containerd-snapshots

refuse_whiteouts() {
  local tarball=$1 blobs member found=0
  blobs=$(mktemp -d)
  tar -xf "$tarball" -C "$blobs"
  while read -r member; do
    # image configs and manifests are not tar archives: tar fails on them, which just means "not a layer"
    if tar -tf "$member" 2>/dev/null | grep -E '(^|/)\.wh\.' >&2; then
      echo "layer ${member#"$blobs"/} of $tarball deletes files (whiteout entries above): it cannot be unpacked at build time" >&2
      found=1
    fi
  done < <(find "$blobs" -type f)
  rm -rf "$blobs"
  return "$found"
}

containerd >"$log" 2>&1 &
pid=$!
deadline=$((SECONDS + 60))
until ctr version >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then echo "containerd did not start within 60s:"; tail -20 "$log"; exit 1; fi
  kill -0 "$pid" 2>/dev/null || { echo "containerd exited:"; tail -20 "$log"; exit 1; }
  sleep 0.2
done
# "unpacking <ref> (<digest>)...done": the images this run unpacked, the only ones whose layers may go (an online
# base image brings images of its own that stay content only)
unpacked=$(mktemp)
for tarball in "$@"; do
  refuse_whiteouts "$tarball"
  ctr -n k8s.io images import --all-platforms "$tarball" |
    sed -n 's/^unpacking .* (\(sha256:[0-9a-f]*\)).*done$/\1/p' >>"$unpacked"
done
if [[ ! -s $unpacked ]]; then echo "ctr import reported no image it unpacked: did its output change?"; exit 1; fi
for ref in $(ctr -n k8s.io images ls -q); do
  ctr -n k8s.io images label "$ref" io.cri-containerd.pinned=pinned >/dev/null
done

# Layer digests of every image (through an index when there is one); configs and manifests stay.
layers_of() {
  local document
  document=$(ctr -n k8s.io content get "$1")
  if jq -e '.manifests' <<<"$document" >/dev/null; then
    for manifest in $(jq -r '.manifests[].digest' <<<"$document"); do
      # --all-platforms keeps only the platforms the tarball carried
      if ctr -n k8s.io content get "$manifest" >/dev/null 2>&1; then layers_of "$manifest"; fi
    done
  else
    jq -r '.layers[].digest' <<<"$document"
  fi
}
for digest in $(sort -u "$unpacked"); do
  layers_of "$digest"
done | sort -u >/tmp/layers
while read -r layer; do
  ctr -n k8s.io content rm "$layer" >/dev/null
done </tmp/layers
ctr -n k8s.io images ls -q
kill "$pid"
wait "$pid" || true
# containerd forgets a removed blob at once but deletes its file only at its next garbage collection
while read -r layer; do
  rm -f "/var/lib/containerd/io.containerd.content.v1.content/blobs/${layer/://}"
done </tmp/layers

mkdir -p "$lowers"
for snapshot in "$snapshots"/*; do
  id=$(basename "$snapshot")
  mv "$snapshot" "$lowers/$id"
  ln -s "$lowers/$id" "$snapshot"
done
