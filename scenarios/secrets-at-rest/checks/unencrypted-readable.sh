# Secrets written before encryption was turned on stay in etcd unencrypted until they are written again; the API
# server can read them only if `identity` is still among its providers. Stores such a Secret directly in etcd (the
# protobuf the API server itself writes without encryption: "k8s\0" and a runtime.Unknown holding the v1 Secret),
# reads it through the API and removes it from etcd again. Its namespace cks-lab-grader does not need to exist (a
# GET does not look), and the check of every stored Secret skips it.
kc() { kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s "$@"; }
etcd() {
  etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt \
    --cert=/etc/kubernetes/pki/apiserver-etcd-client.crt --key=/etc/kubernetes/pki/apiserver-etcd-client.key \
    --dial-timeout=3s --command-timeout=5s "$@"
}
export LC_ALL=C
nonce=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
ns=cks-lab-grader name=plain-$nonce value=written-before-encryption-$nonce
key=/registry/secrets/$ns/$name
tmp=$(mktemp -d)
trap 'etcd del "$key" >/dev/null 2>&1; rm -rf "$tmp"' EXIT

# protobuf by hand: every field here is a length-delimited one shorter than 128 bytes (a one-byte length)
hex() { printf %s "$1" | od -An -v -tx1 | tr -d ' \n'; }
field() { printf '%s%02x%s' "$1" $((${#2} / 2)) "$2"; }
meta=$(field 0a "$(hex "$name")")$(field 1a "$(hex "$ns")")          # ObjectMeta: name (1), namespace (3)
entry=$(field 0a "$(hex probe)")$(field 12 "$(hex "$value")")        # map entry: key (1), value (2)
secret=$(field 0a "$meta")$(field 12 "$entry")$(field 1a "$(hex Opaque)") # Secret: metadata (1), data (2), type (3)
typemeta=$(field 0a "$(hex v1)")$(field 12 "$(hex Secret)")         # TypeMeta: apiVersion (1), kind (2)
blob=6b387300$(field 0a "$typemeta")$(field 12 "$secret")1a002200   # "k8s\0", Unknown: typeMeta, raw, "", ""
printf "$(sed 's/../\\x&/g' <<<"$blob")" >"$tmp/value"

if ! out=$(etcd put "$key" <"$tmp/value" 2>&1); then
  echo "cannot write an unencrypted test Secret to etcd: $(echo "$out" | tail -n 1 | cut -c1-150)"
  exit 1
fi
deadline=$((SECONDS + 10))
while :; do
  if got=$(kc get secret "$name" -n "$ns" -o jsonpath='{.data.probe}' 2>&1); then
    break
  fi
  case "$got" in
    *NotFound* | *"not found"*) [ "$SECONDS" -lt "$deadline" ] && { sleep 1; continue; } ;;
  esac
  echo "a Secret stored unencrypted in etcd (as every Secret written before encryption was turned on is) cannot" \
    "be read through the API: $(echo "$got" | tail -n 1 | cut -c1-160)"
  exit 1
done
if [ "$(printf %s "$got" | base64 -d 2>/dev/null)" != "$value" ]; then
  echo "a Secret stored unencrypted in etcd reads back through the API with other data than was stored"
  exit 1
fi
echo "a Secret stored unencrypted in etcd ($ns/$name, written there directly) reads back intact through the API"
