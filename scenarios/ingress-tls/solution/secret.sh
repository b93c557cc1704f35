# The TLS Secret from the given certificate and key.
set -euo pipefail
kubectl -n shop create secret tls secure-tls \
  --cert=/root/ingress-tls/secure.crt --key=/root/ingress-tls/secure.key
