# Ingress to payments-api only from pods labelled role=client in namespaces labelled team=checkout, and the label
# namespace checkout was missing. Applied with kubectl, as a learner would.
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
        # ONE peer (one list item) with both selectors: both must match (AND)
        - namespaceSelector:
            matchLabels: { team: checkout }
          podSelector:
            matchLabels: { role: client }
YAML
kubectl label namespace checkout team=checkout --overwrite

# The firewall applies a policy a second or two after the API accepts it: wait (at most 60 s) until
# checkout-eu's exporter is refused while the cart pods of both checkout namespaces get in.

# reaches NAMESPACE POD: whether the pod gets an answer from payments-api within 2 s
reaches() {
  kubectl -n "$1" exec "$2" -- wget -T 2 -q -O /dev/null http://payments-api.payments:8080/ >/dev/null 2>&1
}
deadline=$((SECONDS + 60))
until ! reaches checkout-eu exporter && reaches checkout cart && reaches checkout-eu cart; do
  if ((SECONDS >= deadline)); then
    echo 'the policy is not enforced after 60 s: exporter still gets in, or a cart pod does not' >&2
    exit 1
  fi
  sleep 1
done
echo 'policy enforced: only the cart pods of the checkout namespaces reach payments-api'
