#!/usr/bin/env bash
# Builds kube-bench (Aqua Security's CIS Kubernetes Benchmark runner, part of the CKS toolset) and ships the
# benchmark definitions it reads at run time (its cfg/ folder: config.yaml plus one folder per CIS version).
# usage: kube-bench.sh WORKDIR OUTDIR   (OUTDIR gets kube-bench and cfg/)
source "$(dirname "$0")/lib.sh"

# Built as the main module from a copy of its directory, so kube-bench's own go.mod/go.sum apply as upstream.
copy_module "$work/src" github.com/aquasecurity/kube-bench "$KUBE_BENCH_VERSION"
cd "$work/src"
# The node's Kubernetes minor must map to a CIS benchmark in this release's cfg/config.yaml, or kube-bench on the
# node would fall back to an old benchmark; fail loudly when versions.env drifted.
minor="$(echo "$KUBERNETES_VERSION" | cut -d. -f1-2)"
minor="${minor#v}"
benchmark="$(sed -n "s/^  \"$minor\": \"\(.*\)\"\$/\1/p" cfg/config.yaml)"
if [ -z "$benchmark" ] || [ ! -d "cfg/$benchmark" ]; then
  echo "kube-bench $KUBE_BENCH_VERSION's cfg/config.yaml maps Kubernetes $minor to no benchmark folder" >&2
  exit 1
fi
say "building kube-bench $KUBE_BENCH_VERSION (Kubernetes $minor -> $benchmark)"
go build "${go_build_flags[@]}" \
  -ldflags "-s -w -X github.com/aquasecurity/kube-bench/cmd.KubeBenchVersion=$KUBE_BENCH_VERSION" \
  -o "$out/kube-bench" .
cp -r cfg "$out/cfg"
chmod -R u+w,go-w "$out/cfg"
"$out/kube-bench" --config-dir "$out/cfg" version
