# The learner's login shell on a cks-lab node: kubectl works as on the exam's control-plane node.
if [ -r /etc/kubernetes/admin.conf ]; then
  export KUBECONFIG=/etc/kubernetes/admin.conf
fi
export EDITOR=vim
export ETCDCTL_API=3
export CONTAINER_RUNTIME_ENDPOINT=unix:///run/containerd/containerd.sock
alias k=kubectl
if [ -n "${BASH_VERSION:-}" ] && command -v kubectl >/dev/null; then
  # shellcheck disable=SC1090
  source <(kubectl completion bash)
  complete -o default -F __start_kubectl k
fi
