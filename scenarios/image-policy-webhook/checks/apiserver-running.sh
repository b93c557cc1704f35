# The API server answers and the process answering was started with ImagePolicyWebhook enabled. Looked at from
# the node, so a down API server is a clear "fail" with where to look, not a grader error.
# anonymous /readyz is allowed by kubeadm's default RBAC; curl starts faster than kubectl, keeping grading quick
readyz=$(curl -sSk --max-time 5 --fail https://127.0.0.1:6443/readyz 2>&1) || {
  # the grader shows the last 400 characters of this message: keep it short
  echo "expected the kube-apiserver to answer /readyz, but it does not ($(echo "$readyz" | tail -n 1))." \
    "See why: crictl ps -a --name kube-apiserver, then crictl logs <id>, or /var/log/pods/kube-system_kube-apiserver-*/." \
    "A flag naming a file the container cannot see (no volume/volumeMount) keeps it down."
  exit 1
}
pid=$(pgrep -xn kube-apiserver) || { echo "expected a kube-apiserver process on the control-plane node, found none"; exit 1; }
plugins=$(tr '\0' '\n' < "/proc/$pid/cmdline" | grep -- '^--enable-admission-plugins=' || true)
case ",${plugins#--enable-admission-plugins=}," in
  *,ImagePolicyWebhook,*)
    echo "kube-apiserver is healthy and runs with ${plugins}" ;;
  *)
    echo "expected the running kube-apiserver to have ImagePolicyWebhook in --enable-admission-plugins, found:" \
      "${plugins:-no --enable-admission-plugins flag}. Edit /etc/kubernetes/manifests/kube-apiserver.yaml; the kubelet restarts it."
    exit 1 ;;
esac
