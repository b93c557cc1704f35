# Behaviour, not the file: create a Secret through the API, read what etcd stores for it (first bytes only: the value
# is the learner's to shape), expect the envelope of aescbc or secretbox, read the Secret back through the API, and
# delete it again.
kc() { kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s "$@"; }
etcd() {
  etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt \
    --cert=/etc/kubernetes/pki/apiserver-etcd-client.crt --key=/etc/kubernetes/pki/apiserver-etcd-client.key \
    --dial-timeout=3s --command-timeout=5s "$@"
}
nonce=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
ns=default name=cks-lab-probe-$nonce value=probe-value-$nonce
tmp=$(mktemp -d)
trap 'kc delete secret -n "$ns" "$name" --ignore-not-found --wait=false >/dev/null 2>&1; rm -rf "$tmp"' EXIT

if ! out=$(kc create secret generic "$name" -n "$ns" --from-literal=probe="$value" 2>&1); then
  echo "cannot create a test Secret $ns/$name through the API: $(echo "$out" | tail -n 1 | cut -c1-150)"
  exit 1
fi
stored=$(etcd get "/registry/secrets/$ns/$name" --print-value-only 2>"$tmp/err" | head -c 40 | LC_ALL=C tr -c '[:print:]' '.')
if [ -z "$stored" ]; then
  echo "cannot read /registry/secrets/$ns/$name from etcd: $(tail -n 1 "$tmp/err" | cut -c1-150)"
  exit 1
fi
case "$stored" in
  k8s:enc:aescbc:v1:* | k8s:enc:secretbox:v1:*) ;;
  k8s:enc:*)
    echo "a new Secret ($ns/$name) is stored as \"${stored:0:24}...\" in etcd: encrypted, but not by aescbc or" \
      "secretbox as the task asks."
    exit 1 ;;
  *)
    echo "a new Secret ($ns/$name) is stored unencrypted in etcd (it starts \"${stored:0:16}\", not" \
      "\"k8s:enc:aescbc:v1:\" or \"k8s:enc:secretbox:v1:\"): the API server writes it with the first provider listed."
    exit 1 ;;
esac
if ! got=$(kc get secret "$name" -n "$ns" -o jsonpath='{.data.probe}' 2>&1); then
  echo "a new Secret is encrypted in etcd, but the API server cannot read it back: $(echo "$got" | tail -n 1 | cut -c1-150)"
  exit 1
fi
if [ "$(printf %s "$got" | base64 -d 2>/dev/null)" != "$value" ]; then
  echo "a new Secret is encrypted in etcd, but the API server returns other data for it than was written"
  exit 1
fi
echo "a new Secret ($ns/$name) is stored in etcd as \"${stored:0:22}...\" and reads back intact through the API"
