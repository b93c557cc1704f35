# The RUNNING kube-apiserver (its command line in /proc, not the manifest) reads the prepared admission
# configuration. Both spellings count, --flag=value and --flag value; given twice, the last one wins.
want=/etc/kubernetes/policywebhook/admission_config.yaml
pid=$(pgrep -xn kube-apiserver) || {
  echo "expected a running kube-apiserver process, found none: see crictl ps -a --name kube-apiserver"
  exit 1
}
mapfile -d '' argv <"/proc/$pid/cmdline"
value='' found=no
for ((i = 1; i < ${#argv[@]}; i++)); do
  case "${argv[i]}" in
    --admission-control-config-file=*) value=${argv[i]#*=} found=yes ;;
    --admission-control-config-file) value=${argv[i + 1]-} found=yes ;;
  esac
done
if [ "$found" = no ]; then
  echo "expected the running kube-apiserver to have --admission-control-config-file=$want, it has no such flag"
  exit 1
fi
if [ "$(realpath -m -- "$value")" != "$want" ]; then
  echo "expected the running kube-apiserver to read --admission-control-config-file=$want, it reads \"$value\""
  exit 1
fi
echo "the running kube-apiserver reads its admission configuration from $want"
