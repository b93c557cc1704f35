# Mistake: compares each candidate's size with the binary installed on the node instead of its checksum. The kubelet
# with bytes appended is caught; the kubectl patched in place has the same size and stays.
cd /opt/candidates
for name in kubeadm kubectl kubelet; do
  [ "$(stat -c %s "$name")" = "$(stat -c %s "/usr/bin/$name")" ] || rm -v -- "$name"
done
