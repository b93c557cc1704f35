# A private CA, the backend's serving certificate (IP SAN = its fixed ClusterIP) and the API server's client
# certificate, made on the node with openssl: nothing comes from the internet.
dir=/etc/kubernetes/policywebhook
service_ip=10.96.0.200
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

ec_key ca.key
openssl req -x509 -new -key ca.key -sha256 -days 365 -subj "/CN=image-policy-ca" -out ca.crt

ec_key server.key
openssl req -new -key server.key -subj "/CN=image-policy.image-policy.svc" -out server.csr
printf 'subjectAltName=IP:%s,DNS:image-policy.image-policy.svc\nextendedKeyUsage=serverAuth\n' "$service_ip" > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 365 -extfile server.ext -out server.crt

ec_key client.key
openssl req -new -key client.key -subj "/CN=kube-apiserver" -out client.csr
printf 'extendedKeyUsage=clientAuth\n' > client.ext
openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 365 -extfile client.ext -out client.crt

# the node keeps what the API server needs; the CA key and the server key leave with $work
install -m 0644 ca.crt "$dir/ca.crt"
install -m 0644 client.crt "$dir/apiserver-client.crt"
install -m 0600 client.key "$dir/apiserver-client.key"

# server-side apply: a client-side apply would copy the private key into an annotation
kubectl -n image-policy create secret generic image-policy-tls \
  --from-file=tls.crt=server.crt --from-file=tls.key=server.key --from-file=ca.crt=ca.crt \
  --dry-run=client -o yaml | kubectl apply --server-side --force-conflicts -f -
