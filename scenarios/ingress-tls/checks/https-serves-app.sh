# HTTPS to secure.example.test on the node's port 443 presents the certificate from /root/ingress-tls/secure.crt
# (verified against ca.crt) and answers with the storefront page.
dir=/root/ingress-tls
host=secure.example.test
want=$(openssl x509 -noout -fingerprint -sha256 -in "$dir/secure.crt" 2>/dev/null | head -c 200)
got=$(timeout 5 openssl s_client -connect 127.0.0.1:443 -servername "$host" </dev/null 2>/dev/null |
  openssl x509 -noout -fingerprint -sha256 2>/dev/null | head -c 200)
if [[ -z "$got" ]]; then
  echo "no TLS certificate from https://$host/ (node port 443)"
  exit 1
fi
if [[ "$got" != "$want" ]]; then
  subject=$(timeout 5 openssl s_client -connect 127.0.0.1:443 -servername "$host" </dev/null 2>/dev/null |
    openssl x509 -noout -subject 2>/dev/null | head -c 150)
  echo "https://$host/ presents another certificate ($subject), not the one in $dir/secure.crt"
  exit 1
fi
body=$(curl -sS --max-time 5 --resolve "$host:443:127.0.0.1" --cacert "$dir/ca.crt" "https://$host/" 2>&1 |
  head -c 200)
if [[ "$body" != *"storefront: welcome"* ]]; then
  echo "https://$host/ presents the right certificate but does not answer with the storefront page: ${body:0:200}"
  exit 1
fi
echo "https://$host/ presents the given certificate and answers with the storefront page"
