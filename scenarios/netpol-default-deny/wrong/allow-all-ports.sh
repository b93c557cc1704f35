# Mistake: the frontend <-> backend rules name no port, so frontend also reaches backend's admin port 9090.
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
  name: allow-dns
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
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
YAML

reaches() { kubectl -n shop exec "$1" -- wget -T 2 -q -O /dev/null "$2" >/dev/null 2>&1; }
deadline=$((SECONDS + 60))
until ! reaches db http://10.96.0.80:8080/ && reaches frontend http://10.96.0.80:9090/; do
  if ((SECONDS >= deadline)); then
    echo 'the policies are not enforced after 60 s' >&2
    exit 1
  fi
  sleep 1
done
