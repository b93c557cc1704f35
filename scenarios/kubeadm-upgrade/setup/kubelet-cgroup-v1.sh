# Kubernetes 1.35's kubelet refuses to start on a cgroup v1 host unless its configuration says failCgroupV1: false.
# Lab hosts may be cgroup v1, so the cluster's kubelet configuration (the kubelet-config ConfigMap, which
# `kubeadm upgrade node` writes to each node) and this node's copy carry it before the upgrade; v1.34 already
# defaults to it, so nothing changes until the upgraded kubelet starts.
config=/var/lib/kubelet/config.yaml
grep -q '^failCgroupV1:' "$config" || echo 'failCgroupV1: false' >> "$config"
if [ -f /etc/kubernetes/admin.conf ]; then # the control-plane node also updates the cluster's copy
  current="$(kubectl -n kube-system get configmap kubelet-config -o jsonpath='{.data.kubelet}')"
  if ! grep -q '^failCgroupV1:' <<<"$current"; then
    kubectl -n kube-system patch configmap kubelet-config --type merge \
      -p "$(jq -n --arg kubelet "$current"$'\nfailCgroupV1: false\n' '{data: {kubelet: $kubelet}}')" >/dev/null
  fi
fi
echo "failCgroupV1: false in $config"
