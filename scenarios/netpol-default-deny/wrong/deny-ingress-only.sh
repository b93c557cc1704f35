# Mistake: only ingress is denied. Every pod can still connect anywhere (the partner API, the cloud metadata
# service), so a compromised frontend can still reach out.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
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
deadline=$((SECONDS + 60))
until ! reaches db http://10.96.0.80:8080/ && reaches frontend http://backend:8080/; do
  if ((SECONDS >= deadline)); then
    echo 'the policies are not enforced after 60 s' >&2
    exit 1
  fi
  sleep 1
done
