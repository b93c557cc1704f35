# The image is in the lab registry under shop/api:2.0 (an OCI or Docker schema 2 image manifest with layers).
if ! m=$(manifest shop/api 2.0); then
  tags=$(curl -fsS --max-time 5 "$REGISTRY/v2/shop/api/tags/list" 2>/dev/null | head -c 300)
  echo "the registry has no manifest for shop/api:2.0 (tags of shop/api: $(short "${tags:-none}"))"
  exit 1
fi
layers=$(jq -r '.layers | length' <<<"$m" 2>/dev/null | head -c 10)
if ! [[ "$layers" =~ ^[1-9][0-9]*$ ]]; then
  echo "shop/api:2.0 is not a single image manifest with layers"
  exit 1
fi
echo "shop/api:2.0 is in the registry: $(manifest_digest shop/api 2.0), $layers layers"
