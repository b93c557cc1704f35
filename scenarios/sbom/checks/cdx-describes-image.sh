# Verify: the CycloneDX SBOM describes image cks-lab/storefront:3.2: its metadata.component names that image, or
# carries its image ID or manifest digest (as recorded by setup, or as containerd knows it now).
file=/root/sbom/storefront.cdx.json
image=docker.io/cks-lab/storefront:3.2
pattern='^((docker\.io|index\.docker\.io)/)?cks-lab/storefront:3\.2$'
require_json_sbom "$file"
name=$(jq -r '.metadata.component.name? // "" | tostring' "$file" 2>/dev/null | head -c 120)
if [[ "$name" =~ $pattern ]]; then
  echo "the SBOM describes $name"
  exit 0
fi
ids=$(awk -F '\t' -v image="$image" '$1 == image { $1 = ""; print }' /var/lib/cks-lab/sbom/images.tsv 2>/dev/null)
ids+=" $(crictl inspecti -o json "$image" 2>/dev/null | jq -r '[.status.id, .status.repoDigests[]?] | map(sub(".*sha256:"; "")) | join(" ")')"
refs=$(jq -r '.metadata.component? // {} | [.purl, ."bom-ref", .properties[]?.value] | map(tostring) | join(" ")' "$file" 2>/dev/null | head -c 20000)
for id in $ids; do
  if [ "${#id}" -eq 64 ] && [[ "$refs" == *"$id"* ]]; then
    echo "the SBOM describes $image (by its digest ${id:0:12}; metadata.component.name: $name)"
    exit 0
  fi
done
echo "expected the SBOM's metadata.component to be the image cks-lab/storefront:3.2; it is: ${name:-nothing}"
exit 1
