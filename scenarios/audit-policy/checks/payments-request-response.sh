# Every other request in namespace payments is logged at RequestResponse: creating ConfigMap audit-check-<nonce>
# there must be logged with requestObject and responseObject, and reading it back with its responseObject. The
# ConfigMap is deleted again at the end.
log_dir=/var/log/kubernetes/audit
kc() { kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=5s "$@"; }
nonce=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
# Every audit event (any stage) in the node's recent log files that mentions the nonce, one JSON object a line.
entries() {
  find "$log_dir" -maxdepth 1 -name 'audit*.log' -mmin -10 -print0 2>/dev/null |
    xargs -0r grep -hF -- "$nonce" 2>/dev/null | jq -cR 'fromjson? // empty'
}
# Polls for at most 20 s until at least $2 events match the jq condition $1 (with $nonce set), then prints them.
await() {
  local deadline=$((SECONDS + 20)) found
  while :; do
    found=$(entries | jq -c --arg nonce "$nonce" "select($1)")
    if [ "$(grep -c . <<<"$found")" -ge "$2" ] || [ "$SECONDS" -ge "$deadline" ]; then
      printf '%s' "$found"
      return
    fi
    sleep 0.5
  done
}
if [ ! -f "$log_dir/audit.log" ]; then
  echo "there is no audit log at $log_dir/audit.log on the node: enable audit logging first (--audit-log-path," \
    "and the log directory mounted from the node)."
  exit 1
fi
kc get --raw /readyz >/dev/null 2>&1 || { echo "the kube-apiserver does not answer: fix it first (see crictl ps -a)"; exit 1; }
name=audit-check-$nonce
if ! out=$(kc -n payments create configmap "$name" --from-literal=marker="$nonce" 2>&1); then
  echo "cannot create ConfigMap payments/$name as the admin: $(echo "$out" | tail -n 1 | cut -c1-150)"
  exit 1
fi
trap 'kc -n payments delete configmap "$name" --ignore-not-found --wait=false >/dev/null 2>&1' EXIT
kc get --raw "/api/v1/namespaces/payments/configmaps/$name?audit-check=$nonce" >/dev/null 2>&1
found=$(await '.stage == "ResponseComplete" and .objectRef.resource == "configmaps" and .objectRef.namespace == "payments"
  and .objectRef.name == "audit-check-\($nonce)" and (.verb == "create" or .verb == "get")' 2)
problems=()
for verb in create get; do
  event=$(jq -c --arg verb "$verb" 'select(.verb == $verb)' <<<"$found" | head -n 1)
  if [ -z "$event" ]; then
    problems+=("$verb ConfigMap payments/$name is not in the log (level None?)")
    continue
  fi
  level=$(jq -r .level <<<"$event")
  missing=$(jq -r --arg verb "$verb" '[(if $verb == "create" and (.requestObject | not) then "requestObject" else empty end),
    (if .responseObject | not then "responseObject" else empty end)] | join(" and ")' <<<"$event")
  if [ "$level" != RequestResponse ] || [ -n "$missing" ]; then
    problems+=("$verb ConfigMap payments/$name is logged at level $level${missing:+, without $missing}")
  fi
done
if [ "${#problems[@]}" -gt 0 ]; then
  echo "expected requests in payments at level RequestResponse: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')."
  exit 1
fi
echo "create and get of ConfigMap payments/$name are logged at level RequestResponse, with their bodies"
