# An Ingress of class nginx for secure.example.test with TLS from Secret secure-tls. ingress-nginx redirects
# HTTP to HTTPS for every host listed under tls by default; the annotation states it explicitly.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: secure
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [secure.example.test]
      secretName: secure-tls
  rules:
    - host: secure.example.test
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: storefront
                port:
                  number: 80
YAML
