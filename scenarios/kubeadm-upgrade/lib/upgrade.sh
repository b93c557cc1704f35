# Shared by the solution and the wrong answers: the upgrade's version and the package steps of the kubeadm docs.
TARGET=1.35.4
PACKAGE="$TARGET-1.1"

# install_held NAME...: unhold, install the target version, hold again
install_held() {
  apt-mark unhold "$@" >/dev/null
  apt-get install -y -q --allow-change-held-packages $(printf '%s='"$PACKAGE"' ' "$@") >/dev/null
  apt-mark hold "$@" >/dev/null
}

restart_kubelet() {
  systemctl daemon-reload
  systemctl restart kubelet
}

# kubeadm v1.35's preflight refuses a cgroup v1 host unless told to skip that check (the task says so)
PREFLIGHT=--ignore-preflight-errors=SystemVerification

# retry COMMAND...: the upgraded kubelet restarts the control plane's static pods, so for a while after it the API
# server refuses connections or, with its RBAC cache still empty, answers 403; try again for up to 3 minutes
retry() {
  local attempt
  for attempt in $(seq 1 36); do
    "$@" && return 0
    echo "(attempt $attempt failed; the control plane may be restarting)" >&2
    sleep 5
  done
  return 1
}

# wait_node_ready NODE: the restarted kubelet reports the new version, and Ready
wait_node_ready() {
  retry kubectl wait --for=jsonpath='{.status.nodeInfo.kubeletVersion}'="v$TARGET" "node/$1" --timeout=240s >/dev/null
  retry kubectl wait --for=condition=Ready "node/$1" --timeout=240s >/dev/null
}

# wait_control_plane_ready: the static pods the new kubelet restarted (API server, etcd, controller manager,
# scheduler) are Ready again
wait_control_plane_ready() {
  retry kubectl -n kube-system wait --for=condition=Ready pod -l tier=control-plane --timeout=120s >/dev/null
}
