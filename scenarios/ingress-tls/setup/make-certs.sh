# Runs on the control-plane node: a throwaway CA signs a certificate for secure.example.test; the learner gets
# the CA certificate (to verify with curl), the server certificate and its key. The CA key is deleted, so the
# only certificate for that name that ca.crt vouches for is the one in /root/ingress-tls.
set -euo pipefail
dir=/root/ingress-tls
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
  -subj '/O=cks-lab/CN=cks-lab shop CA' -keyout "$work/ca.key" -out "$dir/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj '/O=cks-lab/CN=secure.example.test' -keyout "$dir/secure.key" -out "$work/secure.csr" 2>/dev/null
printf 'subjectAltName=DNS:secure.example.test\nextendedKeyUsage=serverAuth\n' >"$work/ext.cnf"
openssl x509 -req -in "$work/secure.csr" -CA "$dir/ca.crt" -CAkey "$work/ca.key" -CAserial "$work/ca.srl" -CAcreateserial -days 30 \
  -extfile "$work/ext.cnf" -out "$dir/secure.crt" 2>/dev/null
chmod 600 "$dir/secure.key"
