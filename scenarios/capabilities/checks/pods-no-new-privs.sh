# Verify: in every ready pod of Deployment edge, the edge container's main process runs with the kernel's
# no_new_privs flag (NoNewPrivs: 1), read from the node's /proc/<pid>/status of the container's process.
if ! pods=$(kubectl -n gateway get pods -l app=edge -o json 2>&1); then
  echo "could not list the pods of Deployment edge in namespace gateway: $pods"
  exit 1
fi
ready=$(jq -r '.items[] | select(.metadata.deletionTimestamp == null)
  | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))
  | "\(.metadata.name) \([.status.containerStatuses[]? | select(.name == "edge") | .containerID][0] // "-")"' <<<"$pods")
if [ -z "$ready" ]; then
  echo "expected at least one ready pod of Deployment edge (app=edge) in namespace gateway, found none"
  exit 1
fi
failed=0
report=()
while read -r pod cid; do
  pid=$(crictl inspect "${cid#containerd://}" 2>/dev/null | jq -r '.info.pid // empty')
  if [ -z "$pid" ] || [ ! -r "/proc/$pid/status" ]; then
    report+=("pod $pod: could not find the process of its container edge on the node")
    failed=1
    continue
  fi
  nnp=$(awk '$1 == "NoNewPrivs:" { print $2 }' "/proc/$pid/status")
  report+=("pod $pod: NoNewPrivs ${nnp:-unknown}")
  [ "$nnp" = 1 ] || failed=1
done <<<"$ready"
if [ "$failed" -ne 0 ]; then
  echo "expected NoNewPrivs 1 in every ready edge pod; $(IFS=';'; echo "${report[*]}")"
  exit 1
fi
echo "every ready edge pod runs with NoNewPrivs 1: $(IFS=';'; echo "${report[*]}")"
