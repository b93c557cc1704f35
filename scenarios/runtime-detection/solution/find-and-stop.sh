# Run the detection program for a few seconds, take the container ID it reports most often (of this node's
# containers), map it to its pod with crictl, and stop the Deployment that owns the pod.
out=$(mktemp)
timeout 15 bpftrace /opt/detection/shell.bt >"$out" 2>&1 || true
# the kernel is shared: containers this node's crictl does not know belong to other machines on the same host
id=''
for candidate in $(grep SHELL "$out" | grep -oE 'cri-containerd-[0-9a-f]{64}' | sort | uniq -c | sort -rn | grep -oE '[0-9a-f]{64}'); do
  if crictl inspect "$candidate" >/dev/null 2>&1; then
    id=$candidate
    break
  fi
done
if [ -z "$id" ]; then
  echo "no shell seen in 15 s:" >&2
  cat "$out" >&2
  exit 1
fi
namespace=$(crictl inspect -o go-template --template '{{index .status.labels "io.kubernetes.pod.namespace"}}' "$id")
pod=$(crictl inspect -o go-template --template '{{index .status.labels "io.kubernetes.pod.name"}}' "$id")
echo "container $id is pod $namespace/$pod"
echo "$namespace/$pod" >/root/shell-spawner.txt
replicaset=$(kubectl -n "$namespace" get pod "$pod" -o jsonpath='{.metadata.ownerReferences[0].name}')
deployment=$(kubectl -n "$namespace" get replicaset "$replicaset" -o jsonpath='{.metadata.ownerReferences[0].name}')
kubectl -n "$namespace" scale deployment "$deployment" --replicas=0
