#!/bin/bash
# Mistake: key, CSR and kubeconfig are made, but the CSR is never approved, so no certificate is ever issued and
# jane.crt stays empty.
set -euo pipefail
mkdir -p /root/jane
cd /root/jane
openssl genrsa -out jane.key 2048
openssl req -new -key jane.key -subj '/CN=jane/O=dev' -out jane.csr
kubectl apply -f - <<YAML
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  usages:
    - client auth
YAML
# status.certificate is empty until someone approves the request
kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d >jane.crt
server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
export KUBECONFIG=/root/jane/jane.kubeconfig
kubectl config set-cluster lab --server="$server" --certificate-authority=/etc/kubernetes/pki/ca.crt --embed-certs
kubectl config set-credentials jane --client-certificate=/root/jane/jane.crt --client-key=/root/jane/jane.key
kubectl config set-context jane --cluster=lab --user=jane --namespace=dev-team
kubectl config use-context jane
