# Every ready pod of Deployment shop/api runs the image pushed as shop/api:2.0 (the kubelet's localhost:5000
# pull, by digest) and serves the site the build assembled on port 8080.
kc=(kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s -n shop)
if ! digest=$(manifest_digest shop/api 2.0) || [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "the registry has no shop/api:2.0 to compare the running image with"
  exit 1
fi
if ! selector=$("${kc[@]}" get deployment api -o json 2>/dev/null |
  jq -r '.spec.selector.matchLabels // {} | to_entries | map("\(.key)=\(.value)") | join(",")' 2>/dev/null) ||
  [[ -z "$selector" ]]; then
  echo "Deployment shop/api does not exist (or has no matchLabels selector)"
  exit 1
fi
pods=$("${kc[@]}" get pods -l "$selector" -o json 2>/dev/null | jq -r '
  .items[]
  | select(.metadata.deletionTimestamp == null and .status.phase == "Running")
  | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))
  | "\(.metadata.name) \(.status.podIP) \([.status.containerStatuses[]? | select(.name == "api") | .imageID] | join(","))"' 2>/dev/null | head -n 10)
if [[ -z "$pods" ]]; then
  why=$("${kc[@]}" get pods -l "$selector" -o json 2>/dev/null |
    jq -r '[.items[].status.containerStatuses[]?.state.waiting | select(.) | "\(.reason): \(.message // "")"] | first // empty' 2>/dev/null)
  echo "no ready pod of Deployment shop/api${why:+ ($(short "$why"))}"
  exit 1
fi
want="localhost:5000/shop/api@$digest"
while read -r name ip images; do
  if [[ ",$images," != *",$want,"* ]]; then
    echo "pod $name runs $(short "${images:-no container api}"), not the pushed shop/api:2.0 ($want)"
    exit 1
  fi
  body=$(curl -sS --max-time 3 "http://$ip:8080/" 2>&1 | head -c 2000)
  if [[ "$body" != *'shop api 2.0 (build context ci/api-src)'* ]]; then
    echo "pod $name does not serve the site on port 8080: $(short "$body")"
    exit 1
  fi
done <<<"$pods"
echo "every ready api pod runs $want and serves the site on port 8080"
