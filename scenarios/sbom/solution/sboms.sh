# Writes a CycloneDX SBOM of the storefront image and an SPDX SBOM of the image Deployment billing runs, both in
# JSON, with trivy reading the images from the node's containerd (SBOM formats need no vulnerability database).
export CONTAINERD_NAMESPACE=k8s.io
mkdir -p /root/sbom
trivy image --quiet --image-src containerd --format cyclonedx --output /root/sbom/storefront.cdx.json \
  docker.io/cks-lab/storefront:3.2
# the image the pods of Deployment billing run, as containerd names it (fully qualified)
billing=$(kubectl -n shop get pods -l app=billing -o jsonpath='{.items[0].status.containerStatuses[0].image}')
echo "billing runs $billing"
trivy image --quiet --image-src containerd --format spdx-json --output /root/sbom/billing.spdx.json "$billing"
jq -r '.bomFormat + " " + .specVersion + ": " + .metadata.component.name' /root/sbom/storefront.cdx.json
jq -r '.spdxVersion + ": " + .name' /root/sbom/billing.spdx.json
