# Nothing on a Service's node port may be the API server: for every nodePort in the cluster (and 31443, the one
# setup used), connect to the node's address and compare the TLS certificate presented with the API server's own.
ip=$(hostname -i | awk '{print $1}')
api=$(openssl x509 -noout -fingerprint -sha256 -in /etc/kubernetes/pki/apiserver.crt) || {
  echo "cannot read /etc/kubernetes/pki/apiserver.crt"; exit 1; }
if ! listed=$(kubectl --request-timeout=5s get services --all-namespaces \
  -o jsonpath='{range .items[*].spec.ports[*]}{.nodePort}{"\n"}{end}' 2>&1); then
  echo "cannot list Services: $(echo "$listed" | tail -n 1 | cut -c1-200)"
  exit 1
fi
ports=$(printf '%s\n31443\n' "$listed" | grep -E '^[0-9]+$' | sort -un | head -n 50)
exposed=()
for port in $ports; do
  presented=$(timeout 5 openssl s_client -connect "${ip}:${port}" </dev/null 2>/dev/null |
    openssl x509 -noout -fingerprint -sha256 2>/dev/null) || continue
  [ "$presented" = "$api" ] && exposed+=("$port")
done
if [ "${#exposed[@]}" -gt 0 ]; then
  echo "expected no node port to reach the API server, but ${ip}:${exposed[*]} presents the kube-apiserver's" \
    "certificate. Find the Service: kubectl get services -A | grep NodePort"
  exit 1
fi
echo "no node port reaches the API server (checked on ${ip}: $(echo $ports | tr ' ' ','))"
