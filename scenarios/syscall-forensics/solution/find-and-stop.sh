# Find the container that opens /etc/shadow from the node, record its pod, and scale its Deployment to zero.
#
# The open is transient (and fails with ENOENT: busybox has no /etc/shadow), so /proc/<pid>/fd and lsof never
# see it, and the pods' logs say nothing. strace every container's main process for a few seconds instead; -f
# follows the children it starts. The control-plane containers in kube-system are skipped.
dir=$(mktemp -d)
for id in $(crictl ps -o json | jq -r '.containers[] | select(.labels["io.kubernetes.pod.namespace"] != "kube-system") | .id'); do
  pid=$(crictl inspect -o go-template --template '{{.info.pid}}' "$id")
  timeout 5 strace -f -qq -e trace=open,openat -o "$dir/$id" -p "$pid" &
done
wait
found=$(grep -l '"/etc/shadow"' "$dir"/* | head -n 1 || true)
if [ -z "$found" ]; then
  echo "no container opened /etc/shadow" >&2
  exit 1
fi
grep -m 2 -h '"/etc/shadow"' "$found"
id=$(basename "$found")
namespace=$(crictl inspect -o go-template --template '{{index .status.labels "io.kubernetes.pod.namespace"}}' "$id")
pod=$(crictl inspect -o go-template --template '{{index .status.labels "io.kubernetes.pod.name"}}' "$id")
echo "$namespace/$pod" > /root/shadow-reader.txt
cat /root/shadow-reader.txt
rm -rf "$dir"

# Deleting the pod is not enough: follow its owners (ReplicaSet, then Deployment) and scale that to zero.
replicaset=$(kubectl -n "$namespace" get pod "$pod" -o jsonpath='{.metadata.ownerReferences[?(@.kind=="ReplicaSet")].name}')
deployment=$(kubectl -n "$namespace" get replicaset "$replicaset" -o jsonpath='{.metadata.ownerReferences[?(@.kind=="Deployment")].name}')
echo "pod $namespace/$pod belongs to Deployment $namespace/$deployment"
kubectl -n "$namespace" scale deployment "$deployment" --replicas=0
kubectl -n "$namespace" wait --for=delete pod "$pod" --timeout=60s
