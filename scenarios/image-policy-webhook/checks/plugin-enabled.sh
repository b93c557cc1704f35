# The RUNNING kube-apiserver (its command line in /proc, not the manifest) has ImagePolicyWebhook among its
# admission plugins. Both spellings count, --flag=value and --flag value, and a flag given twice adds up, as the
# API server reads it.
pid=$(pgrep -xn kube-apiserver) || {
  echo "expected a running kube-apiserver process, found none: see crictl ps -a --name kube-apiserver"
  exit 1
}
mapfile -d '' argv <"/proc/$pid/cmdline"
values() { # every value the command line gives flag $1
  local i
  for ((i = 1; i < ${#argv[@]}; i++)); do
    case "${argv[i]}" in
      "$1="*) printf '%s\n' "${argv[i]#"$1="}" ;;
      "$1") printf '%s\n' "${argv[i + 1]-}" ;;
    esac
  done
}
plugins=$(values --enable-admission-plugins | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep . | paste -sd, -)
case ",$plugins," in
  *,ImagePolicyWebhook,*)
    echo "the running kube-apiserver enables the admission plugins $plugins" ;;
  *)
    echo "expected the running kube-apiserver to have ImagePolicyWebhook in --enable-admission-plugins, found:" \
      "${plugins:-no --enable-admission-plugins flag}. Edit /etc/kubernetes/manifests/kube-apiserver.yaml; the kubelet restarts it."
    exit 1 ;;
esac
