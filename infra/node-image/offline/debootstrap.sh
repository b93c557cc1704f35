#!/usr/bin/env bash
# Builds a Debian rootfs tarball from Debian's package archive (the only "base image" we can get offline).
# usage: debootstrap.sh OUT_TAR PACKAGES_FILE   (PACKAGES_FILE: one package per line, # comments)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/versions.env"
out="$1"; packages_file="$2"
mirror="${CKS_LAB_DEBIAN_MIRROR:-$(awk '/^URIs:/{print $2; exit} /^deb /{print $2; exit}' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null | head -1)}"
mirror="${mirror:-http://deb.debian.org/debian}"
include="$(grep -v '^\s*#' "$packages_file" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')"
work="$(mktemp -d "${out}.work.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "debootstrap $DEBIAN_SUITE from $mirror"
# downloaded .debs are kept between builds (the node and the image base share most of them)
debs="${CKS_LAB_CACHE_DIR:-$HOME/.cache/cks-lab}/debootstrap-debs"
mkdir -p "$debs"
debootstrap --variant=minbase --cache-dir="$debs" --include="$include" "$DEBIAN_SUITE" "$work/rootfs" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -40 "$work/debootstrap.log"; exit 1; }
# nothing machine-specific or cached in an image
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
: > "$work/rootfs/etc/machine-id"
rm -f "$work/rootfs/var/lib/dbus/machine-id" "$work/rootfs/etc/ssh/ssh_host_"*
tar --numeric-owner -C "$work/rootfs" -cf "$out.tmp" .
mv "$out.tmp" "$out"
du -h "$out"
