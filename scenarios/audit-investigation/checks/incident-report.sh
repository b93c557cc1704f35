# /root/incident.txt names the ServiceAccount of the break-in, the Secrets it read and the pod it exec'd into:
#   serviceaccount: <namespace>/<name>           (system:serviceaccount:<namespace>:<name> is accepted too)
#   secrets: <namespace>/<name>[, <namespace>/<name> ...]   (comma- or space-separated, any order)
#   pod: <namespace>/<name>
# Keys are case-insensitive, lines in any order. The messages never give away the answer.
file=/root/incident.txt
[ -f "$file" ] || { echo "expected the report $file on the control-plane node, but it does not exist"; exit 1; }

# value <key>: the text after "<key>:" on the first line that starts with it, trimmed, lower-case
value() {
  tr -d '\r' < "$file" | sed -n -E "s/^[[:space:]]*$1[[:space:]]*:[[:space:]]*//Ip" | head -n 1 |
    sed -E 's/[[:space:]]+$//' | tr '[:upper:]' '[:lower:]'
}

problems=()
sa=$(value serviceaccount)
case "$sa" in
  "") problems+=("no line \"serviceaccount: <namespace>/<name>\"") ;;
  ci/image-builder | system:serviceaccount:ci:image-builder) ;;
  *) problems+=("serviceaccount \"${sa:0:60}\" is not the one whose token broke in") ;;
esac

secrets=$(value secrets)
listed=$(tr ', \t' '\n\n\n' <<<"$secrets" | sed '/^$/d' | sort -u | paste -sd, -)
case "$listed" in
  "") problems+=("no line \"secrets: <namespace>/<name>, ...\"") ;;
  payments/payment-gateway-key) ;;
  *) problems+=("secrets \"${secrets:0:80}\" are not exactly the Secrets it fetched by name (as <namespace>/<name>)") ;;
esac

pod=$(value pod)
case "$pod" in
  "") problems+=("no line \"pod: <namespace>/<name>\"") ;;
  payments/ledger) ;;
  *) problems+=("pod \"${pod:0:60}\" is not the one it exec'd into (as <namespace>/<name>)") ;;
esac

if [ "${#problems[@]}" -gt 0 ]; then
  printf -v joined '%s; ' "${problems[@]}"
  echo "$file: ${joined%; }"
  exit 1
fi
echo "$file names the ServiceAccount, the Secret it read and the pod it exec'd into"
