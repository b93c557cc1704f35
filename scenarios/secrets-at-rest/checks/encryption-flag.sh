# The running kube-apiserver (its process, not the manifest: an edit the kubelet never ran changes nothing) reads its
# encryption configuration from the path the task names. Both --flag=value and "--flag", "value" count; the last
# occurrence wins, as in the API server.
want=/etc/kubernetes/enc/enc.yaml
pid=$(pgrep -xn kube-apiserver) || { echo "expected a kube-apiserver process on the control-plane node, found none"; exit 1; }
mapfile -d '' args < "/proc/$pid/cmdline"
value='' set=no
for ((i = 1; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --encryption-provider-config=*) value=${args[i]#*=} set=yes ;;
    --encryption-provider-config) value=${args[i + 1]:-} set=yes; i=$((i + 1)) ;;
  esac
done
if [ "$set" = no ]; then
  echo "the running kube-apiserver (pid $pid) has no --encryption-provider-config: add it to the command in" \
    "/etc/kubernetes/manifests/kube-apiserver.yaml and wait for the API server to restart."
  exit 1
fi
if [ "$value" != "$want" ]; then
  echo "the running kube-apiserver (pid $pid) has --encryption-provider-config=$(printf %s "$value" | cut -c1-100)," \
    "expected $want."
  exit 1
fi
echo "the running kube-apiserver (pid $pid) has --encryption-provider-config=$want"
