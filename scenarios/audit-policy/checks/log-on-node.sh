# The API server writes its audit log to the node's /var/log/kubernetes/audit/audit.log: requests made now, marked
# with a random nonce, show up there (at whatever level). A log path without a hostPath volume for its directory
# writes the log inside the API server's container instead, where the node (and its log shippers) never see it.
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
kc get --raw "/api/v1/namespaces/payments/secrets/card-processor?audit-check=$nonce" >/dev/null 2>&1
kc get --raw "/api/v1/namespaces/billing/configmaps?audit-check=$nonce" >/dev/null 2>&1
found=$(await '.requestURI | contains($nonce)' 1)
if [ -z "$found" ]; then
  echo "requests made just now do not appear in the node's $log_dir/audit.log within 20 s: the running API server" \
    "writes its log elsewhere (is $log_dir mounted from the node with a hostPath volume?) or logs nothing."
  exit 1
fi
echo "requests made just now appear in the node's $log_dir/audit.log"
