# Mistake: the policy is right, but namespace checkout never gets the team=checkout label, so its cart pod is
# refused: a namespaceSelector only sees labels, and existing namespaces have only their name label.
set -euo pipefail
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
          podSelector:
            matchLabels: { role: client }
YAML

reaches() {
  kubectl -n "$1" exec "$2" -- wget -T 2 -q -O /dev/null http://payments-api.payments:8080/ >/dev/null 2>&1
}
deadline=$((SECONDS + 60))
until ! reaches checkout cart && reaches checkout-eu cart; do
  if ((SECONDS >= deadline)); then
    echo 'the policy is not enforced after 60 s' >&2
    exit 1
  fi
  sleep 1
done
