# Verify: no pod in any namespace runs, or names, an image that ships github.com/golang-jwt/jwt/v5 v5.2.1
# (cks-lab/storefront:3.2, cks-lab/search-api:5.0, and the older cks-lab/billing:1.7 on the node): not by tag, and
# not by manifest digest or image ID, which stay the same however the image is referred to.
affected=(docker.io/cks-lab/storefront:3.2 docker.io/cks-lab/search-api:5.0 docker.io/cks-lab/billing:1.7)
record=/var/lib/cks-lab/sbom/images.tsv
ids=()
for image in "${affected[@]}"; do
  if [ -r "$record" ]; then
    read -ra recorded <<<"$(awk -F '\t' -v image="$image" '$1 == image { $1 = ""; print }' "$record")"
    ids+=("${recorded[@]}")
  fi
  if info=$(crictl inspecti -o json "$image" 2>/dev/null); then
    read -ra live <<<"$(jq -r '[.status.id, .status.repoDigests[]?] | map(sub(".*sha256:"; "")) | join(" ")' <<<"$info")"
    ids+=("${live[@]}")
  fi
done
if [ "${#ids[@]}" -eq 0 ]; then
  echo "cannot tell the images' digests: neither the setup record nor containerd knows them (was the lab reset?)"
  exit 1
fi
if ! pods=$(kubectl get pods -A -o json 2>&1); then
  echo "could not list the pods: $(head -c 200 <<<"$pods")"
  exit 1
fi
found=$(jq -r --args '
  $ARGS.positional as $ids
  | .items[]
  | ([(.spec.containers, .spec.initContainers, .spec.ephemeralContainers)[]?.image]
     + [(.status.containerStatuses, .status.initContainerStatuses, .status.ephemeralContainerStatuses)[]?
        | .image, .imageID]) as $refs
  | select(any($refs[]; type == "string" and (
      test("(^|/)cks-lab/(storefront:3\\.2|search-api:5\\.0|billing:1\\.7)(@|$)")
      or (sub(".*sha256:"; "") as $digest | $ids | index($digest) != null))))
  | "\(.metadata.namespace)/\(.metadata.name)"' "${ids[@]}" <<<"$pods" | head -n 10)
if [ -n "$found" ]; then
  echo "expected no pod to run an image that ships jwt/v5 v5.2.1; these still do (or are still terminating): $(echo $found)" | head -c 390
  exit 1
fi
echo "no pod in any namespace runs an image that ships github.com/golang-jwt/jwt/v5 v5.2.1"
