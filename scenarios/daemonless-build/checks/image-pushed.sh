# The image is in the lab registry under shop/storefront:1.4.0 (an OCI or Docker schema 2 image manifest).
if ! m=$(manifest shop/storefront 1.4.0); then
  tags=$(curl -fsS --max-time 5 "$REGISTRY/v2/shop/storefront/tags/list" 2>/dev/null | head -c 300)
  echo "the registry has no manifest for shop/storefront:1.4.0 (tags of shop/storefront: $(short "${tags:-none}"))"
  exit 1
fi
type=$(jq -r '.mediaType // "application/vnd.oci.image.manifest.v1+json"' <<<"$m" 2>/dev/null | head -c 100)
layers=$(jq -r '.layers | length' <<<"$m" 2>/dev/null | head -c 10)
if ! [[ "$layers" =~ ^[1-9][0-9]*$ ]]; then
  echo "shop/storefront:1.4.0 is not a single image manifest with layers (media type $(short "$type"))"
  exit 1
fi
echo "shop/storefront:1.4.0 is in the registry: $(manifest_digest shop/storefront 1.4.0), $layers layers"
