# The Secrets setup created before encryption was on still read back through the API with their original data: a
# key that changed, an identity provider dropped before they were rewritten, or a recreated Secret with other data
# all show here.
kc() { kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s "$@"; }
expected=(
  'payments db-credentials username payments-app'
  'payments db-credentials password Sup3r-S3cret-DB-Passw0rd'
  'payments card-gateway api-key sk-live-51Hc9Lq2eZvKYlo2C0ffee'
  'default smtp-relay password relay-Pa55-2024'
)
problems=()
for line in "${expected[@]}"; do
  read -r ns name field want <<<"$line"
  if ! got=$(kc get secret "$name" -n "$ns" -o "jsonpath={.data.$field}" 2>&1); then
    problems+=("cannot read Secret $ns/$name through the API: $(echo "$got" | tail -n 1 | cut -c1-140)")
    break
  fi
  if [ "$(printf %s "$got" | base64 -d 2>/dev/null)" != "$want" ]; then
    problems+=("Secret $ns/$name has another value in $field than it had before")
  fi
done
if [ "${#problems[@]}" -gt 0 ]; then
  echo "$(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')"
  exit 1
fi
echo "Secrets payments/db-credentials, payments/card-gateway and default/smtp-relay read back unchanged through the API"
