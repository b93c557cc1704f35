# Check every candidate against the published SHA-512 checksums and delete the ones that do not match.
cd /opt/candidates
# sha512sum exits 1 when a file does not match; its report is what matters here
report=$(sha512sum --check SHA512SUMS 2>/dev/null || true)
echo "$report"                 # kubeadm: OK, kubectl: FAILED, kubelet: FAILED
echo "$report" | awk -F': ' '$2 != "OK" { print $1 }' | while read -r name; do
  rm -v -- "$name"
done
sha512sum --check --ignore-missing SHA512SUMS # only the genuine ones are left
