# Verify: in every ready pod of Deployment reports, the files in /data (the heartbeat the app keeps writing) belong
# to group 2000. Read from the node through /proc/<pid>/root of the container's process, so the container cannot
# fake them.
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
  if [ -z "$pid" ] || [ ! -e "/proc/$pid/root/data/heartbeat" ]; then
    failed=$((failed + 1))
    [ -n "$example" ] || example="pod $pod: no /data/heartbeat in its container reports"
    continue
  fi
  bad=$(find "/proc/$pid/root/data/" -mindepth 1 -maxdepth 1 ! -group 2000 -printf '%f (group %G) ' 2>/dev/null | head -c 120)
  if [ -n "$bad" ]; then
    failed=$((failed + 1))
    [ -n "$example" ] || example="pod $pod: /data/ $bad"
  fi
done <<<"$ready"
if [ "$failed" -ne 0 ]; then
  message="expected every file in /data to belong to group 2000 in every ready reports pod; $failed of $total differ, e.g. $example"
  if [ "${#message}" -gt 390 ]; then message="${message:0:386}..."; fi
  echo "$message"
  exit 1
fi
echo "in all $total ready reports pods, the files in /data belong to group 2000"
