# Works from the node's image list instead of what the pods run: takes the first billing image crictl lists (1.7,
# which no pod runs) for the SPDX SBOM, and reports every image on the node that ships jwt/v5 v5.2.1, including
# billing:1.7. The running affected Deployments are scaled down correctly.
export CONTAINERD_NAMESPACE=k8s.io
mkdir -p /root/sbom
trivy image --quiet --image-src containerd --format cyclonedx --output /root/sbom/storefront.cdx.json \
  docker.io/cks-lab/storefront:3.2
billing=$(crictl images -o json | jq -r '[.images[].repoTags[]? | select(test("/cks-lab/billing:"))] | sort | .[0]')
trivy image --quiet --image-src containerd --format spdx-json --output /root/sbom/billing.spdx.json "$billing"
: >/root/sbom/affected-images.txt
for image in $(crictl images -o json | jq -r '.images[].repoTags[]? | select(test("/cks-lab/"))'); do
  if trivy image --quiet --image-src containerd --format cyclonedx "$image" |
    jq -e '.components[] | select(.name == "github.com/golang-jwt/jwt/v5" and .version == "v5.2.1")' >/dev/null; then
    echo "${image#docker.io/}" >>/root/sbom/affected-images.txt
  fi
done
cat /root/sbom/affected-images.txt
kubectl -n shop scale deployment storefront catalog --replicas=0
