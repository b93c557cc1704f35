# Deny everything in shop, then allow exactly: DNS to CoreDNS from every pod, frontend -> backend on TCP 8080.
# Applied with kubectl, as a learner would.
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
    # one peer with both selectors: the kube-dns pods in kube-system, not every pod in kube-system
    - to:
        - namespaceSelector:
            matchLabels: { kubernetes.io/metadata.name: kube-system }
          podSelector:
            matchLabels: { k8s-app: kube-dns }
      ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
---
# With egress denied, a connection needs both halves: egress from frontend and ingress into backend.
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

# The firewall applies a policy a second or two after the API accepts it: wait (at most 60 s) until partner can
# no longer reach backend while frontend gets backend:8080 by name (so DNS works too).

# reaches NAMESPACE POD URL: whether the pod gets an answer from URL within 2 s
reaches() { kubectl -n "$1" exec "$2" -- wget -T 2 -q -O /dev/null "$3" >/dev/null 2>&1; }

deadline=$((SECONDS + 60))
until ! reaches partner partner-api http://10.96.0.80:8080/ && reaches shop frontend http://backend:8080/; do
  if ((SECONDS >= deadline)); then
    echo 'the policies are not enforced after 60 s: partner still reaches backend, or frontend does not' >&2
    exit 1
  fi
  sleep 1
done
echo 'policies enforced: partner -> backend blocked, frontend -> backend:8080 works'
