#!/usr/bin/env bash
# Compiles the pause container's program from the Kubernetes module zip (the sandbox image kubelet starts).
# usage: pause.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

src="$(module_dir "k8s.io/kubernetes@$KUBERNETES_VERSION")/build/pause"
# The image tag kubeadm asks for must be the one this source builds; fail loudly if versions.env drifted.
upstream_tag="$(awk '$1 == "TAG" && $2 == "?=" { print $3; exit }' "$src/Makefile")"
if [ "$upstream_tag" != "$PAUSE_IMAGE_TAG" ]; then
  echo "PAUSE_IMAGE_TAG=$PAUSE_IMAGE_TAG in versions.env but $src/Makefile builds pause $upstream_tag" >&2
  exit 1
fi
say "compiling pause $PAUSE_IMAGE_TAG"
# Same flags as upstream's Makefile; REV there is `git describe --contains`, i.e. the Kubernetes tag.
gcc -Os -Wall -Werror -static -DVERSION="v$PAUSE_IMAGE_TAG-$KUBERNETES_VERSION" -o "$out/pause" "$src/linux/pause.c"
strip "$out/pause"
"$out/pause" -v
