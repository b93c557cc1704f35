# Wrong: a generic Secret from the two files keeps the file names as keys (secure.crt, secure.key) and has type
# Opaque; the controller finds no tls.crt/tls.key in it.
set -euo pipefail
kubectl -n shop create secret generic secure-tls \
  --from-file=/root/ingress-tls/secure.crt --from-file=/root/ingress-tls/secure.key
