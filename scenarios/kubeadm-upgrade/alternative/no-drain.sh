# The hurried way: no drain or uncordon, held packages replaced with --allow-change-held-packages, node01 upgraded
# over ssh from the control plane. Still a complete upgrade: both kubelets and kubeadms at v1.35.4, the shop serving.
install="apt-get install -y -q --allow-change-held-packages"
apt-get update -q >/dev/null
$install "kubeadm=$PACKAGE" >/dev/null
kubeadm upgrade apply "v$TARGET" -y "$PREFLIGHT" >/tmp/kubeadm-upgrade-apply.log 2>&1 || { tail -30 /tmp/kubeadm-upgrade-apply.log; exit 1; }
$install "kubelet=$PACKAGE" "kubectl=$PACKAGE" >/dev/null
systemctl restart kubelet
# kubeadm upgrade node reads the cluster's configuration: wait for the API server the new kubelet restarts
wait_node_ready controlplane
wait_control_plane_ready
ssh node01 "apt-get update -q >/dev/null && $install kubeadm=$PACKAGE >/dev/null \
  && { kubeadm upgrade node $PREFLIGHT >/tmp/kubeadm-upgrade-node.log 2>&1 || { tail -20 /tmp/kubeadm-upgrade-node.log; exit 1; }; } \
  && $install kubelet=$PACKAGE kubectl=$PACKAGE >/dev/null && systemctl restart kubelet"
wait_node_ready node01
wait_control_plane_ready
# the new kubelets restart the pods' containers: wait until the shop is back
retry kubectl -n shop wait --for=condition=Ready pod --all --timeout=120s
