# Verify: the SPDX SBOM describes the image Deployment billing runs (cks-lab/billing:1.8, not the older 1.7 that is
# also on the node): the document or its container package names that image, or carries its image ID or digest.
file=/root/sbom/billing.spdx.json
image=docker.io/cks-lab/billing:1.8
pattern='^((docker\.io|index\.docker\.io)/)?cks-lab/billing:1\.8$'
require_json_sbom "$file"
names=$(jq -r '[.name?, (.packages[]? | select(.primaryPackagePurpose? == "CONTAINER") | .name)] | map(select(type == "string")) | unique | .[]' "$file" 2>/dev/null | head -c 2000)
while IFS= read -r name; do
  if [[ "$name" =~ $pattern ]]; then
    echo "the SBOM describes $name"
    exit 0
  fi
done <<<"$names"
ids=$(awk -F '\t' -v image="$image" '$1 == image { $1 = ""; print }' /var/lib/cks-lab/sbom/images.tsv 2>/dev/null)
ids+=" $(crictl inspecti -o json "$image" 2>/dev/null | jq -r '[.status.id, .status.repoDigests[]?] | map(sub(".*sha256:"; "")) | join(" ")')"
refs=$(jq -r '[.packages[]? | select(.primaryPackagePurpose? == "CONTAINER") | (.externalRefs[]?.referenceLocator, .annotations[]?.comment)] | map(tostring) | join(" ")' "$file" 2>/dev/null | head -c 20000)
for id in $ids; do
  if [ "${#id}" -eq 64 ] && [[ "$refs" == *"$id"* ]]; then
    echo "the SBOM describes $image (by its digest ${id:0:12})"
    exit 0
  fi
done
echo "expected the SBOM to describe the image Deployment billing runs; it names: $(echo $names | head -c 200)"
exit 1
