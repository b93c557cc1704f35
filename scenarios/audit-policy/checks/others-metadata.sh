# Everything else is logged at Metadata: a GET of a ConfigMap in billing (404), a list of the ConfigMaps in default
# and a list of the Namespaces (cluster-scoped) must each leave one completed event at level Metadata, without bodies.
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
paths=(
  "/api/v1/namespaces/billing/configmaps/audit-check-$nonce"
  "/api/v1/namespaces/default/configmaps?audit-check=$nonce"
  "/api/v1/namespaces?audit-check=$nonce"
)
for path in "${paths[@]}"; do kc get --raw "$path" >/dev/null 2>&1; done
found=$(await '.stage == "ResponseComplete" and (.requestURI | contains($nonce))' "${#paths[@]}")
problems=()
for path in "${paths[@]}"; do
  event=$(jq -c --arg path "$path" 'select(.requestURI | startswith($path))' <<<"$found" | head -n 1)
  if [ -z "$event" ]; then
    problems+=("GET $path is not in the log (level None?)")
    continue
  fi
  level=$(jq -r .level <<<"$event")
  bodies=$(jq -r '[(if .requestObject then "requestObject" else empty end),
    (if .responseObject then "responseObject" else empty end)] | join(" and ")' <<<"$event")
  if [ "$level" != Metadata ] || [ -n "$bodies" ]; then
    problems+=("GET $path is logged at level $level${bodies:+ with its $bodies}")
  fi
done
if [ "${#problems[@]}" -gt 0 ]; then
  echo "expected every other request at level Metadata: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')."
  exit 1
fi
echo "requests outside payments (ConfigMaps in billing and default, the Namespace list) are logged at level Metadata"
