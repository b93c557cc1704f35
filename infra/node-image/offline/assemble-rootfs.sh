#!/usr/bin/env bash
# Turns a Debian rootfs into a kind node rootfs (the equivalent of kind's base + node image Dockerfiles).
# usage: assemble-rootfs.sh ROOTFS KIND_MODULE_DIR BIN_DIR CNI_MANIFEST KUBESEC_SCHEMAS K8S_VERSION
#   BIN_DIR holds kubeadm kubelet kubectl crictl etcdctl runsc containerd-shim-runsc-v1 trivy kubesec
#   cks-lab-runc-clamp (all static).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rootfs="$1"; kind_dir="$2"; bin="$3"; cni_manifest="$4"; kubesec_schemas="$5"; k8s_version="$6"
kind_files="$kind_dir/images/base/files"

echo "kind base files"
install -d -m 0755 "$rootfs/kind" "$rootfs/kind/bin" "$rootfs/kind/manifests" "$rootfs/etc/kubernetes/manifests"
cp -r "$kind_files/etc/." "$rootfs/etc/"
cp -r "$kind_files/kind/." "$rootfs/kind/"
install -m 0755 "$kind_files"/usr/local/bin/* "$rootfs/usr/local/bin/"
chmod 0755 "$rootfs"/kind/bin/*
cp -r "$here/files/." "$rootfs/"

echo "binaries"
for b in kubeadm kubelet kubectl; do install -m 0755 "$bin/$b" "$rootfs/usr/bin/$b"; done
for b in crictl etcdctl runsc containerd-shim-runsc-v1 trivy; do
  install -m 0755 "$bin/$b" "$rootfs/usr/local/bin/$b"
done
# kubesec cannot fetch its schemas offline: a wrapper points it at schemas generated from Kubernetes' OpenAPI
install -D -m 0755 "$bin/kubesec" "$rootfs/usr/local/lib/cks-lab/kubesec"
install -d "$rootfs/usr/local/share/kubesec"
cp -r "$kubesec_schemas/." "$rootfs/usr/local/share/kubesec/schemas/"
cat > "$rootfs/usr/local/bin/kubesec" <<'WRAPPER'
#!/bin/sh
# kubesec validates against local schemas: nodes have no network to fetch them from
export SCHEMA_LOCATION="${SCHEMA_LOCATION:-/usr/local/share/kubesec/schemas}"
exec /usr/local/lib/cks-lab/kubesec "$@"
WRAPPER
chmod 0755 "$rootfs/usr/local/bin/kubesec"
install -D -m 0755 "$bin/cks-lab-runc-clamp" "$rootfs/usr/local/sbin/cks-lab-runc-clamp"
# kind's units and tools expect containerd under /usr/local/bin; Debian installs it in /usr/bin
for b in containerd ctr containerd-shim-runc-v2; do ln -sf "/usr/bin/$b" "$rootfs/usr/local/bin/$b"; done
# kind's CNI configs expect plugins in /opt/cni/bin; Debian installs them in /usr/lib/cni
install -d "$rootfs/opt/cni/bin"
for p in "$rootfs"/usr/lib/cni/*; do ln -sf "/usr/lib/cni/$(basename "$p")" "$rootfs/opt/cni/bin/"; done

echo "kind metadata"
echo "$k8s_version" > "$rootfs/kind/version"
install -m 0644 "$cni_manifest" "$rootfs/kind/manifests/default-cni.yaml"

echo "systemd as in a kind node"
find "$rootfs/lib/systemd/system/sysinit.target.wants/" -name "systemd-tmpfiles-setup.service" -delete
rm -f "$rootfs"/lib/systemd/system/multi-user.target.wants/* \
  "$rootfs"/etc/systemd/system/*.wants/* \
  "$rootfs"/lib/systemd/system/local-fs.target.wants/* \
  "$rootfs"/lib/systemd/system/sockets.target.wants/*udev* \
  "$rootfs"/lib/systemd/system/sockets.target.wants/*initctl* \
  "$rootfs"/lib/systemd/system/basic.target.wants/*
grep -q '^ReadKMsg=no' "$rootfs/etc/systemd/journald.conf" || echo "ReadKMsg=no" >> "$rootfs/etc/systemd/journald.conf"
ln -sf /lib/systemd/systemd "$rootfs/sbin/init"
chroot "$rootfs" systemctl enable kubelet.service containerd.service undo-mount-hacks.service ssh.service
chroot "$rootfs" systemctl mask systemd-binfmt.service getty@tty1.service serial-getty@.service

echo "containerd base runtime spec"
chroot "$rootfs" ctr oci spec \
  | chroot "$rootfs" jq '.hooks.createContainer[.hooks.createContainer | length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \
  | chroot "$rootfs" jq 'del(.process.rlimits)' > "$rootfs/etc/containerd/cri-base.json"

echo "learner shell"
completions="$rootfs/usr/share/bash-completion/completions"
install -d "$completions"
chroot "$rootfs" kubectl completion bash > "$completions/kubectl"
chroot "$rootfs" crictl completion bash > "$completions/crictl"
install -d -m 0700 "$rootfs/root/.ssh"
# never ship identity: kind writes product_uuid, systemd writes machine-id at boot
: > "$rootfs/etc/machine-id"
rm -f "$rootfs"/etc/ssh/ssh_host_* "$rootfs/kind/product_uuid" "$rootfs/var/lib/dbus/machine-id"
echo "done"
