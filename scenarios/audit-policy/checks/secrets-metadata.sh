# Secrets are logged at Metadata in every namespace, payments included: reading Secret payments/card-processor and
# billing/ledger-db must each leave one completed event at level Metadata, without requestObject or responseObject
# (at Request or RequestResponse the Secret's data would be in the log). Any rule order that does this passes.
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
targets=(payments/card-processor billing/ledger-db)
for target in "${targets[@]}"; do
  if ! out=$(kc get --raw "/api/v1/namespaces/${target%/*}/secrets/${target#*/}?audit-check=$nonce" 2>&1 >/dev/null); then
    echo "cannot read Secret $target as the admin: $(echo "$out" | tail -n 1 | cut -c1-150)"
    exit 1
  fi
done
found=$(await '.stage == "ResponseComplete" and .objectRef.resource == "secrets"' "${#targets[@]}")
problems=() good=()
for target in "${targets[@]}"; do
  event=$(jq -c --arg ns "${target%/*}" 'select(.objectRef.namespace == $ns)' <<<"$found" | head -n 1)
  if [ -z "$event" ]; then
    problems+=("GET Secret $target is not in the log (level None?)")
    continue
  fi
  level=$(jq -r .level <<<"$event")
  bodies=$(jq -r '[(if .requestObject then "requestObject" else empty end),
    (if .responseObject then "responseObject" else empty end)] | join(" and ")' <<<"$event")
  if [ "$level" != Metadata ] || [ -n "$bodies" ]; then
    problems+=("GET Secret $target is logged at level $level${bodies:+ with its $bodies: the secret value is in the log}")
  else
    good+=("$target")
  fi
done
if [ "${#problems[@]}" -gt 0 ]; then
  echo "expected Secrets at level Metadata: $(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')."
  exit 1
fi
echo "reads of Secrets ${good[*]} are logged at level Metadata, without their data"
