# Mistake: computes SHA-256 sums and looks for them in a list of SHA-512 sums. Nothing matches, so every
# candidate looks tampered with and all of them are deleted, the genuine kubeadm included.
cd /opt/candidates
for name in kubeadm kubectl kubelet; do
  sum=$(sha256sum "$name" | cut -d' ' -f1)
  grep -q -- "$sum" SHA512SUMS || rm -v -- "$name"
done
