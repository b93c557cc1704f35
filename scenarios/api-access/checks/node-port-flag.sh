# The running kube-apiserver must not be told to publish the kubernetes Service on a node port: with
# --kubernetes-service-node-port it recreates the Service as NodePort whenever the Service is deleted.
pid=$(pgrep -xn kube-apiserver) || { echo "expected a kube-apiserver process on the control-plane node, found none"; exit 1; }
flag=$(tr '\0' '\n' < "/proc/$pid/cmdline" | grep -- '^--kubernetes-service-node-port=' | tail -n 1)
case "${flag#--kubernetes-service-node-port=}" in
  "" | 0)
    echo "the running kube-apiserver has no --kubernetes-service-node-port" ;;
  *)
    echo "expected the running kube-apiserver to run without --kubernetes-service-node-port, found $flag." \
      "Remove it from /etc/kubernetes/manifests/kube-apiserver.yaml."
    exit 1 ;;
esac
