# Mistake: the namespace is selected by its name label (kubernetes.io/metadata.name=checkout) instead of the team
# label, so the team's other namespace, checkout-eu, is locked out.
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
            matchLabels: { kubernetes.io/metadata.name: checkout }
          podSelector:
            matchLabels: { role: client }
YAML

reaches() {
  kubectl -n "$1" exec "$2" -- wget -T 2 -q -O /dev/null http://payments-api.payments:8080/ >/dev/null 2>&1
}
deadline=$((SECONDS + 60))
until ! reaches checkout-eu cart && reaches checkout cart; do
  if ((SECONDS >= deadline)); then
    echo 'the policy is not enforced after 60 s' >&2
    exit 1
  fi
  sleep 1
done
