# Mistake: namespaceSelector and podSelector as two list items. Peers in a list are ORed: every pod of a team=checkout
# namespace gets in (exporter too), and so does any role=client pod of payments itself (the podSelector alone
# means "in the policy's own namespace").
set -euo pipefail
kubectl label namespace checkout team=checkout --overwrite
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: payments-api-from-checkout-clients
  namespace: payments
spec:
  podSelector:
    matchLabels: { app: payments-api }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: { team: checkout }
        - podSelector:
            matchLabels: { role: client }
YAML

reaches() {
  kubectl -n "$1" exec "$2" -- wget -T 2 -q -O /dev/null http://payments-api.payments:8080/ >/dev/null 2>&1
}
deadline=$((SECONDS + 60))
until ! reaches marketing campaigns && reaches checkout-eu exporter && reaches payments reconciler; do
  if ((SECONDS >= deadline)); then
    echo 'the policy is not enforced after 60 s' >&2
    exit 1
  fi
  sleep 1
done
