# Installs the new packages and restarts the kubelet, but never runs kubeadm upgrade: the control plane's static
# pods keep running v1.34.
apt-get update -q >/dev/null
install_held kubeadm kubelet kubectl
restart_kubelet
