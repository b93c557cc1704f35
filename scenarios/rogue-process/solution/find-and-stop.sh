# Find the pod behind TCP port 6666 from the node, record it, and stop its Deployment from recreating it.
#
# A pod has its own network namespace, so `ss -ltnp` on the node does not show its sockets. Enter each running
# container's network namespace instead (crictl inspect gives the PID of its main process).
found=""
for id in $(crictl ps -q); do
  pid=$(crictl inspect -o go-template --template '{{.info.pid}}' "$id")
  if nsenter -t "$pid" -n ss -Hltnp 'sport = :6666' | grep -q .; then
    nsenter -t "$pid" -n ss -ltnp 'sport = :6666' # users:(("xmrig",...)): the process name gives it away
    found=$id
    break
  fi
done
if [ -z "$found" ]; then
  echo "no container listens on TCP port 6666" >&2
  exit 1
fi
namespace=$(crictl inspect -o go-template --template '{{index .status.labels "io.kubernetes.pod.namespace"}}' "$found")
pod=$(crictl inspect -o go-template --template '{{index .status.labels "io.kubernetes.pod.name"}}' "$found")
echo "$namespace/$pod" > /root/rogue.txt
cat /root/rogue.txt

# Deleting the pod is not enough: follow its owners (ReplicaSet, then Deployment) and scale that to zero.
replicaset=$(kubectl -n "$namespace" get pod "$pod" -o jsonpath='{.metadata.ownerReferences[?(@.kind=="ReplicaSet")].name}')
deployment=$(kubectl -n "$namespace" get replicaset "$replicaset" -o jsonpath='{.metadata.ownerReferences[?(@.kind=="Deployment")].name}')
echo "pod $namespace/$pod belongs to Deployment $namespace/$deployment"
kubectl -n "$namespace" scale deployment "$deployment" --replicas=0
kubectl -n "$namespace" wait --for=delete pod "$pod" --timeout=60s
