# Mixes up the formats: writes trivy's SPDX JSON to the CycloneDX path, and SPDX tag-value (--format spdx) to the
# SPDX JSON path.
export CONTAINERD_NAMESPACE=k8s.io
mkdir -p /root/sbom
trivy image --quiet --image-src containerd --format spdx-json --output /root/sbom/storefront.cdx.json \
  docker.io/cks-lab/storefront:3.2
trivy image --quiet --image-src containerd --format spdx --output /root/sbom/billing.spdx.json \
  docker.io/cks-lab/billing:1.8
