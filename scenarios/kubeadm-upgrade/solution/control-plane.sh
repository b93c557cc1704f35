# The control plane first, as the kubeadm docs order it: kubeadm, plan + apply, then this node's kubelet and kubectl.
apt-get update -q >/dev/null
install_held kubeadm
kubeadm version -o short
kubeadm upgrade apply "v$TARGET" --yes "$PREFLIGHT" >/tmp/kubeadm-upgrade-apply.log 2>&1 || { tail -30 /tmp/kubeadm-upgrade-apply.log; exit 1; }
tail -3 /tmp/kubeadm-upgrade-apply.log
retry kubectl drain controlplane --ignore-daemonsets --delete-emptydir-data
install_held kubelet kubectl
restart_kubelet
wait_node_ready controlplane
wait_control_plane_ready
retry kubectl uncordon controlplane
