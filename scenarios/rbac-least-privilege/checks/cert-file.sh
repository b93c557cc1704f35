#!/bin/bash
# Verify: /root/jane/jane.crt is jane's certificate (CN=jane, O=dev), issued by the cluster CA, valid now, for the
# private key in /root/jane/jane.key.
set -uo pipefail
crt=/root/jane/jane.crt
key=/root/jane/jane.key
for file in "$crt" "$key"; do
  [ -s "$file" ] || { echo "expected $file to exist, it does not"; exit 1; }
done
if ! subject=$(openssl x509 -in "$crt" -noout -subject -nameopt RFC2253 2>/dev/null); then
  echo "expected $crt to be a PEM certificate (base64 -d of the CSR's status.certificate), it is not"
  exit 1
fi
subject=${subject#subject=}
cn=$(tr ',' '\n' <<<"$subject" | sed -n 's/^CN=//p' | paste -sd, -)
o=$(tr ',' '\n' <<<"$subject" | sed -n 's/^O=//p' | paste -sd, -)
if [ "$cn" != jane ] || [ "$o" != dev ]; then
  echo "expected $crt to be issued to CN=jane, O=dev; it is issued to \"$subject\""
  exit 1
fi
if ! verified=$(openssl verify -CAfile /etc/kubernetes/pki/ca.crt "$crt" 2>&1); then
  echo "expected $crt to be signed by the cluster CA (/etc/kubernetes/pki/ca.crt) and valid now: $(head -c 300 <<<"$verified")"
  exit 1
fi
cert_pub=$(openssl x509 -in "$crt" -noout -pubkey 2>/dev/null | openssl pkey -pubin -outform DER 2>/dev/null | sha256sum)
key_pub=$(openssl pkey -in "$key" -pubout -outform DER 2>/dev/null | sha256sum)
if [ "$cert_pub" != "$key_pub" ]; then
  echo "expected $crt to certify the key in $key; the public keys differ (was the CSR made from another key?)"
  exit 1
fi
echo "$crt is issued to CN=jane, O=dev by the cluster CA, for the key in $key"
