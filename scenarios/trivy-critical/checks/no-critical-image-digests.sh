# Verify: no pod in any namespace refers to or runs one of the images with CRITICAL vulnerabilities by its identity:
# the manifest digest (status.containerStatuses[].imageID is <name>@sha256:<digest>, whatever name the pod used)
# or the image ID (sha256:<config digest>, which a pod's image field may name). Tags can be added and removed;
# these digests cannot change without changing the image.
critical=(docker.io/cks-lab/checkout:1.4 docker.io/cks-lab/sftp-export:0.9)
record=/var/lib/cks-lab/trivy-critical/orders-images.tsv
ids=()
for image in "${critical[@]}"; do
  # as setup recorded them, and as containerd has them now (either may be gone; together they must know some)
  if [ -r "$record" ]; then
    read -ra recorded <<<"$(awk -F '\t' -v image="$image" '$1 == image { $1 = ""; print }' "$record")"
    ids+=("${recorded[@]}")
  fi
  if info=$(crictl inspecti -o json "$image" 2>/dev/null); then
    read -ra live <<<"$(jq -r '[.status.id] + [.status.repoDigests[]? | sub(".*@"; "")] | join(" ")' <<<"$info")"
    ids+=("${live[@]}")
  fi
done
if [ "${#ids[@]}" -eq 0 ]; then
  echo "cannot tell the images' digests: neither the setup record nor containerd knows them (was the lab reset?)"
  exit 1
fi
if ! pods=$(kubectl get pods -A -o json 2>&1); then
  echo "could not list the pods: $pods"
  exit 1
fi
found=$(jq -r --args '
  $ARGS.positional as $ids
  | .items[]
  | ([(.spec.containers, .spec.initContainers, .spec.ephemeralContainers)[]?.image]
     + [(.status.containerStatuses, .status.initContainerStatuses, .status.ephemeralContainerStatuses)[]?
        | .image, .imageID]) as $refs
  | select(any($refs[]; type == "string" and (sub(".*@"; "") as $digest | $ids | index($digest) != null)))
  | "\(.metadata.namespace)/\(.metadata.name)"' "${ids[@]}" <<<"$pods")
if [ -n "$found" ]; then
  echo "expected no pod to use those images by any reference; these run or name one of them by digest or image ID: $(echo $found)"
  exit 1
fi
echo "no pod in any namespace runs or references those images by digest or image ID"
