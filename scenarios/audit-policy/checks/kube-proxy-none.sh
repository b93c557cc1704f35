# Requests by kube-proxy (ServiceAccount kube-system/kube-proxy) are not logged at all, payments included. With a
# fresh token of that ServiceAccount, list the Services in payments and in all namespaces (kube-proxy's RBAC allows
# both); then make an admin request that the policy logs (a ConfigMap list in billing) and, once that is in the log,
# no event of kube-proxy's two requests may be there. The admin request shows the log has caught up.
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
user=system:serviceaccount:kube-system:kube-proxy
server=$(kc config view --minify -o jsonpath='{.clusters[0].cluster.server}')
if ! token=$(kc -n kube-system create token kube-proxy --duration=10m 2>&1); then
  echo "cannot get a token for ServiceAccount kube-system/kube-proxy: $(echo "$token" | tail -n 1 | cut -c1-150)"
  exit 1
fi
for path in "/api/v1/namespaces/payments/services?audit-check=$nonce" "/api/v1/services?audit-check=$nonce"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert /etc/kubernetes/pki/ca.crt \
    -H "Authorization: Bearer $token" "$server$path")
  if [ "$code" != 200 ]; then
    echo "expected kube-proxy's GET $path to be answered 200, got $code"
    exit 1
  fi
done
kc get --raw "/api/v1/namespaces/billing/configmaps?audit-check=$nonce-sync" >/dev/null 2>&1
synced=$(await '.stage == "ResponseComplete" and (.requestURI | contains("\($nonce)-sync"))' 1)
if [ -z "$synced" ]; then
  echo "the admin's list of ConfigMaps in billing (a request logged at Metadata) did not appear in the log within 20 s."
  exit 1
fi
logged=$(entries | jq -r --arg user "$user" 'select(.user.username == $user) | "\(.requestURI) at level \(.level)"' |
  sort -u | head -n 2)
if [ -n "$logged" ]; then
  echo "expected no event for $user, but the log has: $(echo "$logged" | paste -sd ';' | sed 's/;/; /g')."
  exit 1
fi
echo "kube-proxy's requests (Services in payments and in all namespaces) are not in the log"
