# Alternative: exports each image from containerd to an OCI archive and lets trivy read the archive (--input).
# The SBOM then names the archive, not the image, but still carries the image's ID.
export CONTAINERD_NAMESPACE=k8s.io
mkdir -p /root/sbom
work=$(mktemp -d)
ctr -n k8s.io images export "$work/storefront.tar" docker.io/cks-lab/storefront:3.2
trivy image --quiet --input "$work/storefront.tar" --format cyclonedx > /root/sbom/storefront.cdx.json
billing=$(kubectl -n shop get pods -l app=billing -o jsonpath='{.items[0].status.containerStatuses[0].image}')
ctr -n k8s.io images export "$work/billing.tar" "$billing"
trivy image --quiet --input "$work/billing.tar" --format spdx-json > /root/sbom/billing.spdx.json
rm -rf "$work"
