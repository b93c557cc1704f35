# Records what the orders pods' images are in containerd (the config ID and the manifest digests, which no new tag
# or reference changes), so the grader recognises these images later however a pod refers to them, even if their
# tags are removed from the node.
record=/var/lib/cks-lab/trivy-critical/orders-images.tsv
mkdir -p "$(dirname "$record")"
: >"$record"
for image in docker.io/cks-lab/checkout:1.4 docker.io/cks-lab/sftp-export:0.9 docker.io/cks-lab/auth-api:2.3 \
  docker.io/cks-lab/inventory:3.1 docker.io/library/busybox:1.37; do
  crictl inspecti -o json "$image" |
    jq -r --arg image "$image" '[$image, .status.id] + [.status.repoDigests[]? | sub(".*@"; "")] | @tsv' >>"$record"
done
