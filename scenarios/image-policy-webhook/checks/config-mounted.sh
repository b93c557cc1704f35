# The prepared files are visible INSIDE the running kube-apiserver container, at the paths its configuration names:
# /proc/<pid>/root is the container's own view of the filesystem. One directory mount, a mount of a parent
# folder or one mount per file all count.
dir=/etc/kubernetes/policywebhook
pid=$(pgrep -xn kube-apiserver) || {
  echo "expected a running kube-apiserver process, found none: see crictl ps -a --name kube-apiserver." \
    "A flag naming a file the container cannot see (no volume/volumeMount) keeps it down."
  exit 1
}
missing=()
for file in admission_config.yaml kubeconf ca.crt apiserver-client.crt apiserver-client.key; do
  [ -r "/proc/$pid/root$dir/$file" ] || missing+=("$dir/$file")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "expected the kube-apiserver container to see the files in $dir, it cannot see: ${missing[*]}." \
    "Mount $dir with a hostPath volume and a volumeMount."
  exit 1
fi
echo "the kube-apiserver container sees admission_config.yaml, kubeconf and the certificates in $dir"
