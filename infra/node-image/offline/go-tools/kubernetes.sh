#!/usr/bin/env bash
# Builds kubeadm, kubelet, kubectl and the control-plane binaries from the Go module proxy.
# usage: kubernetes.sh WORKDIR OUTDIR   (versions from ../versions.env)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../versions.env"
work="$1"; out="$2"
mkdir -p "$work" "$out"
ver="$KUBERNETES_VERSION"
staging_ver="v0.${ver#v1.}"
minor="$(echo "$ver" | cut -d. -f2)"

# k8s.io/kubernetes replaces its staging modules with ./staging paths; a consumer must replace them itself.
mod_file="$work/kubernetes.mod"
curl -fsS --retry 3 -o "$mod_file" "$(go env GOPROXY | cut -d, -f1)/k8s.io/kubernetes/@v/$ver.mod"
# upstream's go and godebug lines, so GODEBUG defaults match an upstream build of this version
go_line="$(awk '$1 == "go" { print $2; exit }' "$mod_file")"
{
  echo "module cks-lab.local/kubernetes-build"
  echo
  echo "go $go_line"
  echo
  echo "godebug default=go$(echo "$go_line" | cut -d. -f1-2)"
  echo
  echo "require k8s.io/kubernetes $ver"
  echo
  echo "replace ("
  for m in $(grep -E '^\s*k8s\.io/[a-z0-9-]+ => \./staging' "$mod_file" | awk '{print $1}' | sort -u); do
    v="$staging_ver"
    for o in ${STAGING_OVERRIDES:-}; do [ "${o%%=*}" = "$m" ] && v="${o#*=}"; done
    echo "	$m => $m $v"
  done
  echo ")"
} > "$work/go.mod"
printf 'package tools\n' > "$work/tools.go"

ldpkgs="k8s.io/component-base/version k8s.io/client-go/pkg/version"
ldflags="-s -w"
for p in $ldpkgs; do
  ldflags="$ldflags -X $p.gitVersion=$ver -X $p.gitMajor=1 -X $p.gitMinor=$minor"
  ldflags="$ldflags -X $p.gitCommit=cks-lab-offline -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

cd "$work"
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOSUMDB="${GOSUMDB_OVERRIDE:-off}"
cmds="kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy"
pkgs=""; for c in $cmds; do pkgs="$pkgs k8s.io/kubernetes/cmd/$c"; done
echo "building $cmds ($ver)"
go build -trimpath -ldflags "$ldflags" -o "$out/" $pkgs
"$out/kubeadm" version -o short
