# Verify: in every ready pod of Deployment reports, the container's main process runs with UID 1000 and GID 3000
# (real, effective, saved and filesystem IDs) and has 2000 among its supplementary groups. The IDs are read from
# the node's /proc/<pid>/status of the container's process (found with crictl from the pod's container ID), which
# the container cannot fake.
if ! pods=$(kubectl -n analytics get pods -l app=reports -o json 2>&1); then
  echo "could not list the pods of Deployment reports in namespace analytics: $pods"
  exit 1
fi
ready=$(jq -r '.items[] | select(.metadata.deletionTimestamp == null)
  | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))
  | "\(.metadata.name) \([.status.containerStatuses[]? | select(.name == "reports") | .containerID][0] // "-")"' <<<"$pods")
if [ -z "$ready" ]; then
  echo "expected at least one ready pod of Deployment reports (app=reports) in namespace analytics, found none"
  exit 1
fi
total=0
failed=0
example=''
while read -r pod cid; do
  total=$((total + 1))
  pid=$(crictl inspect "${cid#containerd://}" 2>/dev/null | jq -r '.info.pid // empty')
  if [ -z "$pid" ] || [ ! -r "/proc/$pid/status" ]; then
    failed=$((failed + 1))
    [ -n "$example" ] || example="pod $pod: could not find the process of its container reports on the node"
    continue
  fi
  uids=$(awk '$1 == "Uid:" { print $2, $3, $4, $5 }' "/proc/$pid/status")
  gids=$(awk '$1 == "Gid:" { print $2, $3, $4, $5 }' "/proc/$pid/status")
  groups=$(awk '$1 == "Groups:" { $1 = ""; sub(/^ /, ""); print }' "/proc/$pid/status")
  if [ "$uids" != "1000 1000 1000 1000" ] || [ "$gids" != "3000 3000 3000 3000" ] ||
    ! grep -qw 2000 <<<"$groups"; then
    failed=$((failed + 1))
    [ -n "$example" ] || example="pod $pod: Uid $uids, Gid $gids, Groups ${groups:-(none)}"
  fi
done <<<"$ready"
if [ "$failed" -ne 0 ]; then
  message="expected Uid 1000, Gid 3000 and supplementary group 2000 in every ready reports pod; $failed of $total differ, e.g. $example"
  if [ "${#message}" -gt 390 ]; then message="${message:0:386}..."; fi
  echo "$message"
  exit 1
fi
echo "all $total ready reports pods run as Uid 1000, Gid 3000 with supplementary group 2000"
