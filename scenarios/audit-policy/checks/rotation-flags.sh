# The running kube-apiserver rotates its audit log as asked: --audit-log-maxage=7, --audit-log-maxbackup=5,
# --audit-log-maxsize=20 (read from the process, as in audit-flags.sh).
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
for want in --audit-log-maxage=7 --audit-log-maxbackup=5 --audit-log-maxsize=20; do
  name=${want%%=*} value=${want#*=}
  have=${flag[$name]:-}
  if [ -z "$have" ]; then
    problems+=("$name is not set")
  elif ! [[ "$have" =~ ^[0-9]+$ ]] || [ "$((10#$have))" -ne "$value" ]; then
    problems+=("$name is $have, expected $value")
  fi
done
if [ "${#problems[@]}" -gt 0 ]; then
  echo "the running kube-apiserver (pid $pid): $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')."
  exit 1
fi
echo "the running kube-apiserver keeps audit logs 7 days, 5 backups, rotating at 20 MB"
