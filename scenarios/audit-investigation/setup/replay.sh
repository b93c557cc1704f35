#!/usr/bin/env bash
# Replays the incident against the API server (now writing its audit log), from the node, with the tokens
# setup/enable-audit.sh issued before the restart:
#
#   ci/image-builder (the break-in, with kubectl): tries to list namespaces (403), lists the Secrets in payments
#     (kubectl get: a table of names only), reads Secret payment-gateway-key, lists the pods and opens a shell in
#     pod payments/ledger with kubectl exec;
#   payments/payments-api (innocent): reads its own Secret db-credentials, as the checkout app does;
#   monitoring/metrics-agent (innocent): lists pods, configmaps, services and deployments (ClusterRole view).
#
# Every request is made with the ServiceAccount's own token, so the audit log names the ServiceAccount as
# user.username. Ends with a bounded wait until the last request is in the log, then removes the tokens.
set -euo pipefail

tokens=/run/cks-lab-replay
log=/var/log/kubernetes/audit/audit.log
ca=/etc/kubernetes/pki/ca.crt
server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
trap 'rm -rf "$tokens"' EXIT

# call <serviceaccount> <user agent> <expected HTTP code> <path>: one GET with the ServiceAccount's token only
call() {
  local code
  code=$(curl -sS --max-time 10 --cacert "$ca" -o /dev/null -w '%{http_code}' -A "$2" \
    -H "Authorization: Bearer $(cat "$tokens/$1.token")" "$server$4")
  [ "$code" = "$3" ] || { echo "GET $4 as $1 answered $code, expected $3" >&2; exit 1; }
}

agent='metrics-agent/1.8.2'
app='checkout/3.4.1 (payments-api)'

# the attacker works with kubectl and a kubeconfig that holds nothing but the stolen token
cat > "$tokens/image-builder.kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
  - name: cluster
    cluster: { server: "$server", certificate-authority: "$ca" }
users:
  - name: image-builder
    user: { token: "$(cat "$tokens/image-builder.token")" }
contexts:
  - name: image-builder
    context: { cluster: cluster, user: image-builder, namespace: payments }
current-context: image-builder
KUBECONFIG
attacker() {
  kubectl --kubeconfig "$tokens/image-builder.kubeconfig" --cache-dir "$tokens/cache" --request-timeout=20s "$@"
}

call metrics-agent "$agent" 200 '/api/v1/pods?limit=500'
call payments-api "$app" 200 /api/v1/namespaces/payments/secrets/db-credentials
call metrics-agent "$agent" 200 /api/v1/namespaces/payments/configmaps
if attacker get namespaces > /dev/null 2>&1; then
  echo "ci/image-builder may list namespaces: the replay expects it to be forbidden" >&2
  exit 1
fi
call metrics-agent "$agent" 200 /api/v1/namespaces/ci/pods
# kubectl get asks for a table: names, types and key counts, not the Secrets' data
attacker get secrets > /dev/null
call metrics-agent "$agent" 200 /api/v1/namespaces/payments/pods/checkout
attacker get secret payment-gateway-key -o jsonpath='{.data}' > /dev/null
call payments-api "$app" 200 /api/v1/namespaces/payments/secrets/db-credentials
attacker get pods > /dev/null
attacker exec ledger -- sh -c 'id; hostname; ls /; env' > /dev/null
call metrics-agent "$agent" 200 /api/v1/namespaces/payments/services
call payments-api "$app" 200 /api/v1/namespaces/payments/secrets/db-credentials
call metrics-agent "$agent" 200 '/apis/apps/v1/deployments?limit=500'

# the log backend writes each event as its request completes; wait until the last ones are there
deadline=$((SECONDS + 60))
until [ -f "$log" ] &&
  jq -e -s 'any(.[]; .user.username == "system:serviceaccount:ci:image-builder" and .objectRef.subresource == "exec")
    and any(.[]; .user.username == "system:serviceaccount:monitoring:metrics-agent" and .objectRef.resource == "deployments")' \
    "$log" > /dev/null 2>&1; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "the break-in did not show up in $log within 60 s" >&2; exit 1; }
  sleep 1
done
echo "replayed the break-in by ci/image-builder and ordinary traffic of payments-api and metrics-agent"
