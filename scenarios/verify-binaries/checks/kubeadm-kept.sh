# /opt/candidates/kubeadm is the genuine binary: it must still be there, unchanged (same SHA-512 as the kubeadm the
# node runs, which is what SHA512SUMS lists).
candidate=/opt/candidates/kubeadm
[ -f "$candidate" ] || { echo "expected $candidate to be kept: it matches the published checksum, but it is gone"; exit 1; }
want=$(sha512sum < /usr/bin/kubeadm | cut -d' ' -f1)
have=$(sha512sum < "$candidate" | cut -d' ' -f1)
if [ "$have" != "$want" ]; then
  echo "expected $candidate to be the genuine kubeadm (sha512 ${want:0:16}…), found sha512 ${have:0:16}…"
  exit 1
fi
echo "$candidate is still there and matches the release checksum"
