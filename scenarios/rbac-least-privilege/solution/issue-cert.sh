#!/bin/bash
# jane's key and CSR (CN = user name, O = group), signed by the cluster through the CertificateSigningRequest API,
# then a kubeconfig of her own next to them.
set -euo pipefail
mkdir -p /root/jane
cd /root/jane

openssl genrsa -out jane.key 2048
openssl req -new -key jane.key -subj '/CN=jane/O=dev' -out jane.csr

# spec.request is immutable: start over if an earlier attempt left a CSR named jane
kubectl delete csr jane --ignore-not-found
kubectl apply -f - <<YAML
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages:
    - client auth
YAML
kubectl certificate approve jane

# the signer in kube-controller-manager issues the certificate a moment after the approval
for _ in $(seq 30); do
  cert=$(kubectl get csr jane -o jsonpath='{.status.certificate}')
  [ -n "$cert" ] && break
  sleep 1
done
[ -n "$cert" ] || { echo 'CSR jane was approved but no certificate was issued' >&2; exit 1; }
base64 -d <<<"$cert" >jane.crt
openssl x509 -in jane.crt -noout -subject -issuer -enddate

# same API server and CA as the admin's kubeconfig; the client certificate and key are jane's
server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
export KUBECONFIG=/root/jane/jane.kubeconfig
rm -f "$KUBECONFIG"
kubectl config set-cluster lab --server="$server" --certificate-authority=/etc/kubernetes/pki/ca.crt --embed-certs
kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane.key --embed-certs
kubectl config set-context jane --cluster=lab --user=jane --namespace=dev-team
kubectl config use-context jane
kubectl auth whoami
