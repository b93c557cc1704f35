# On node01: kubeadm, `kubeadm upgrade node` (the kubelet's configuration), then the kubelet and kubectl.
apt-get update -q >/dev/null
install_held kubeadm
kubeadm upgrade node "$PREFLIGHT" >/tmp/kubeadm-upgrade-node.log 2>&1 || { tail -30 /tmp/kubeadm-upgrade-node.log; exit 1; }
tail -1 /tmp/kubeadm-upgrade-node.log
install_held kubelet kubectl
restart_kubelet
