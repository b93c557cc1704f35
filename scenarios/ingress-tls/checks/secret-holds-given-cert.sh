# Secret shop/secure-tls holds the certificate from /root/ingress-tls/secure.crt under tls.crt, and a key that
# belongs to it under tls.key.
dir=/root/ingress-tls
fp() { openssl x509 -noout -fingerprint -sha256 2>/dev/null | head -c 200; }
want=$(fp <"$dir/secure.crt")
data() {
  kubectl -n shop get secret secure-tls -o "jsonpath={.data.$1}" 2>/dev/null | head -c 20000 | base64 -d 2>/dev/null
}
crt=$(data 'tls\.crt')
key=$(data 'tls\.key')
if [[ -z "$crt" || -z "$key" ]]; then
  echo "Secret shop/secure-tls has no tls.crt and tls.key keys (or does not exist)"
  exit 1
fi
got=$(printf '%s\n' "$crt" | fp)
if [[ -z "$got" || "$got" != "$want" ]]; then
  echo "tls.crt in Secret shop/secure-tls is not the certificate in $dir/secure.crt"
  exit 1
fi
pub_crt=$(printf '%s\n' "$crt" | openssl x509 -noout -pubkey 2>/dev/null | head -c 2000)
pub_key=$(printf '%s\n' "$key" | openssl pkey -pubout 2>/dev/null | head -c 2000)
if [[ -z "$pub_key" || "$pub_key" != "$pub_crt" ]]; then
  echo "tls.key in Secret shop/secure-tls is not the private key of that certificate"
  exit 1
fi
echo "Secret shop/secure-tls holds the certificate from $dir/secure.crt and its key"
