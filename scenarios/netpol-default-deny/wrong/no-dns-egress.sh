# Mistake: default deny in both directions and frontend -> backend:8080 allowed, but no DNS egress. Connections by
# IP work; names no longer resolve, so frontend cannot find "backend".
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-to-backend
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: frontend }
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector:
            matchLabels: { app: backend }
      ports:
        - { protocol: TCP, port: 8080 }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-from-frontend
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: backend }
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels: { app: frontend }
      ports:
        - { protocol: TCP, port: 8080 }
YAML

reaches() { kubectl -n shop exec "$1" -- wget -T 2 -q -O /dev/null "$2" >/dev/null 2>&1; }
resolves() { kubectl -n shop exec "$1" -- nslookup "$2" >/dev/null 2>&1; }
deadline=$((SECONDS + 60))
until ! resolves frontend backend.shop.svc.cluster.local && reaches frontend http://10.96.0.80:8080/; do
  if ((SECONDS >= deadline)); then
    echo 'the policies are not enforced after 60 s' >&2
    exit 1
  fi
  sleep 1
done
