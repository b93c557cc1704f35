# Verify: every ready pod of Deployment edge serves the page itself on port 80 (its pod IP, fetched from pod
# client), so the server really binds the privileged port.
if ! pods=$(kubectl -n gateway get pods -l app=edge -o json 2>&1); then
  echo "could not list the pods of Deployment edge in namespace gateway: $pods"
  exit 1
fi
ready=$(jq -r '.items[] | select(.metadata.deletionTimestamp == null)
  | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))
  | "\(.metadata.name) \(.status.podIP // "-")"' <<<"$pods")
if [ -z "$ready" ]; then
  echo "expected at least one ready pod of Deployment edge (app=edge) in namespace gateway, found none"
  exit 1
fi
failed=0
report=()
while read -r pod ip; do
  if page=$(kubectl -n gateway exec client -- wget -T 3 -q -O - "http://$ip:80/" 2>&1) &&
    grep -q 'gateway edge: ok' <<<"$page"; then
    report+=("pod $pod ($ip) answers on port 80")
  else
    report+=("pod $pod ($ip) does not serve the page on port 80: $(head -c 100 <<<"$page")")
    failed=1
  fi
done <<<"$ready"
if [ "$failed" -ne 0 ]; then
  echo "expected every ready edge pod to serve the page on port 80; $(IFS=';'; echo "${report[*]}")"
  exit 1
fi
echo "$(IFS=';'; echo "${report[*]}")"
