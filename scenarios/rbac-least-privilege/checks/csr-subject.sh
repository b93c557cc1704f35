#!/bin/bash
# Verify: CSR jane asks for a client certificate with subject CN=jane, O=dev (the user name and her only group).
set -uo pipefail
if ! request=$(timeout 20 kubectl get csr jane --request-timeout=10s -o jsonpath='{.spec.request}' 2>&1 | head -c 20000); then
  echo "expected a CertificateSigningRequest named jane, found none: $(head -c 300 <<<"$request")"
  exit 1
fi
if ! subject=$(base64 -d <<<"$request" 2>/dev/null | openssl req -noout -subject -nameopt RFC2253 2>/dev/null); then
  echo 'expected spec.request of CSR jane to be a base64-encoded PEM certificate request (base64 -w0 jane.csr), it is not'
  exit 1
fi
subject=${subject#subject=}
# RFC 2253 lists the components last to first, comma-separated: "O=dev,CN=jane"
cn=$(tr ',' '\n' <<<"$subject" | sed -n 's/^CN=//p' | paste -sd, -)
o=$(tr ',' '\n' <<<"$subject" | sed -n 's/^O=//p' | paste -sd, -)
if [ "$cn" != jane ] || [ "$o" != dev ]; then
  echo "expected CSR jane to request subject CN=jane, O=dev; it requests \"$subject\""
  exit 1
fi
echo "CSR jane requests subject CN=jane, O=dev"
