# The running kube-apiserver (its process, not the manifest: an edit the kubelet never ran changes nothing) reads the
# policy file and writes the log at the paths the task names. Both --flag=value and "--flag", "value" count; the last
# occurrence of a flag wins, as in the API server.
pid=$(pgrep -xn kube-apiserver) || { echo "expected a kube-apiserver process on the control-plane node, found none"; exit 1; }
declare -A flag
mapfile -d '' args < "/proc/$pid/cmdline"
for ((i = 1; i < ${#args[@]}; i++)); do
  arg=${args[i]}
  case "$arg" in
    --*=*) flag[${arg%%=*}]=${arg#*=} ;;
    --*) [[ "${args[i + 1]:-}" != -* ]] && { flag[$arg]=${args[i + 1]:-}; i=$((i + 1)); } ;;
  esac
done
problems=()
for want in --audit-policy-file=/etc/kubernetes/audit/policy.yaml --audit-log-path=/var/log/kubernetes/audit/audit.log; do
  name=${want%%=*} value=${want#*=}
  if [ -z "${flag[$name]+set}" ]; then
    problems+=("$name is not set")
  elif [ "${flag[$name]}" != "$value" ]; then
    problems+=("$name is ${flag[$name]}, expected $value")
  fi
done
if [ "${#problems[@]}" -gt 0 ]; then
  echo "the running kube-apiserver (pid $pid): $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')." \
    "Edit /etc/kubernetes/manifests/kube-apiserver.yaml and wait for the API server to restart."
  exit 1
fi
echo "the running kube-apiserver has --audit-policy-file=${flag[--audit-policy-file]} and --audit-log-path=${flag[--audit-log-path]}"
