# The same Ingress written imperatively: --class sets ingressClassName, /* is a Prefix path, tls= names the Secret.
set -euo pipefail
kubectl -n shop create ingress secure --class=nginx \
  --rule='secure.example.test/*=storefront:80,tls=secure-tls'
