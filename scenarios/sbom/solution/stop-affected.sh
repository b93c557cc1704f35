# Finds the Deployments in shop whose image ships github.com/golang-jwt/jwt/v5 at exactly v5.2.1 (from a CycloneDX
# SBOM of each running image), scales them to 0 and lists their images in /root/sbom/affected-images.txt.
export CONTAINERD_NAMESPACE=k8s.io
report=/root/sbom/affected-images.txt
mkdir -p /root/sbom
: >"$report"
for deployment in $(kubectl -n shop get deployments -o jsonpath='{.items[*].metadata.name}'); do
  selector=$(kubectl -n shop get deployment "$deployment" -o json |
    jq -r '.spec.selector.matchLabels | to_entries | map("\(.key)=\(.value)") | join(",")')
  image=$(kubectl -n shop get deployment "$deployment" -o jsonpath='{.spec.template.spec.containers[0].image}')
  # trivy finds images in containerd only by the full name containerd stores (docker.io/...)
  stored=$(kubectl -n shop get pods -l "$selector" -o jsonpath='{.items[0].status.containerStatuses[0].image}')
  versions=$(trivy image --quiet --image-src containerd --format cyclonedx "$stored" |
    jq -r '.components[] | select(.name == "github.com/golang-jwt/jwt/v5") | .version')
  echo "$deployment ($stored): jwt/v5 ${versions:-absent}"
  if grep -qx 'v5.2.1' <<<"$versions"; then
    echo "$image" >>"$report"
    kubectl -n shop scale deployment "$deployment" --replicas=0
  fi
done
sort -u -o "$report" "$report"
cat "$report"
