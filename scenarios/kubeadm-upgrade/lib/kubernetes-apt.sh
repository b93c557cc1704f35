# The lab's Kubernetes package repository, on each node: kubeadm, kubelet and kubectl as Debian packages of the
# release the node runs and of the next one, in a flat repository like pkgs.k8s.io's, served from the node's disk
# (the lab is offline). The running release is installed from it and held, as on a node set up from pkgs.k8s.io.
KUBERNETES_APT=/opt/kubernetes-apt
NEXT_RELEASE_IMAGE=docker.io/cks-lab/kubernetes-binaries:v1.35.4
PACKAGE_REVISION=1.1

# make_deb NAME VERSION BINARY: a package installing BINARY as /usr/bin/NAME
make_deb() {
  local name="$1" version="$2" binary="$3" root
  root="$(mktemp -d)"
  install -D -m 0755 "$binary" "$root/usr/bin/$name"
  mkdir -p "$root/DEBIAN"
  cat > "$root/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: amd64
Maintainer: cks-lab <packages@cks-lab.invalid>
Section: admin
Priority: optional
Homepage: https://kubernetes.io
Description: Kubernetes $name, built for this lab from the Go module of its release
CONTROL
  dpkg-deb --root-owner-group -Zgzip -z1 -b "$root" "$KUBERNETES_APT/${name}_${version}_amd64.deb" >/dev/null
  rm -rf "$root"
}

# index_repository: Packages and Release for apt, as a flat repository ("deb [trusted=yes] file:DIR/ /")
index_repository() {
  local deb
  (
    cd "$KUBERNETES_APT"
    : > Packages
    for deb in *.deb; do
      {
        dpkg-deb -f "$deb"
        echo "Filename: ./$deb"
        echo "Size: $(stat -c %s "$deb")"
        echo "SHA256: $(sha256sum "$deb" | cut -d' ' -f1)"
        echo
      } >> Packages
    done
    {
      echo "Origin: cks-lab"
      echo "Label: Kubernetes packages of this lab"
      echo "Date: $(date -Ru)"
      echo "SHA256:"
      echo " $(sha256sum Packages | cut -d' ' -f1) $(stat -c %s Packages) Packages"
    } > Release
  )
}

publish_kubernetes_packages() {
  local current next mnt name
  current="$(kubelet --version | sed -n 's/^Kubernetes v//p')"
  next="${NEXT_RELEASE_IMAGE##*:v}"
  [ -n "$current" ] || { echo "could not read the kubelet's version" >&2; return 1; }
  mkdir -p "$KUBERNETES_APT"
  mnt="$(mktemp -d)"
  ctr -n k8s.io images mount "$NEXT_RELEASE_IMAGE" "$mnt" >/dev/null
  for name in kubeadm kubelet kubectl; do
    make_deb "$name" "$current-$PACKAGE_REVISION" "/usr/bin/$name"
    make_deb "$name" "$next-$PACKAGE_REVISION" "$mnt/kubernetes/$name"
  done
  ctr -n k8s.io images unmount "$mnt" >/dev/null
  rmdir "$mnt"
  index_repository
  echo "deb [trusted=yes] file:$KUBERNETES_APT/ /" > /etc/apt/sources.list.d/kubernetes.list
  # the lab is offline: Debian's mirror would cost every apt-get update ~90 s of DNS timeouts for nothing
  sed -i 's|^deb http|# offline lab: deb http|' /etc/apt/sources.list
  # the binaries in /usr/bin are these packages' files: dpkg records them as installed
  dpkg -i "$KUBERNETES_APT"/{kubeadm,kubelet,kubectl}_"$current-$PACKAGE_REVISION"_amd64.deb >/dev/null
  apt-mark hold kubeadm kubelet kubectl >/dev/null
  echo "packages of v$current (installed, held) and v$next in $KUBERNETES_APT"
}
