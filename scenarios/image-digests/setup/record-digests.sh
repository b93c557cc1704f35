# The node's images were imported from tarballs, so containerd knows them by tag only. A pull from a registry also
# records each image under its digest (docker.io/library/busybox@sha256:…), and that record is what lets the
# kubelet start a container that names the image by digest without pulling it again. Add those records, as a pull
# would have, so that digest-pinned pods start here without a registry.
for ref in docker.io/library/busybox:1.37 docker.io/cks-lab/nettools:1; do
  digest=$(ctr -n k8s.io images ls "name==$ref" | awk 'NR == 2 { print $3 }')
  if [[ $digest != sha256:* ]]; then
    echo "containerd has no image $ref"
    exit 1
  fi
  by_digest="${ref%:*}@$digest"
  ctr -n k8s.io images tag --force "$ref" "$by_digest" >/dev/null
  ctr -n k8s.io images label "$by_digest" io.cri-containerd.pinned=pinned >/dev/null
done
# the CRI plugin learns of new image records from containerd's events: wait until it reports the digests
deadline=$((SECONDS + 60))
for ref in docker.io/library/busybox:1.37 docker.io/cks-lab/nettools:1; do
  until crictl inspecti -o json "$ref" | jq -e '.status.repoDigests | length > 0' >/dev/null; do
    if ((SECONDS > deadline)); then
      echo "the container runtime does not report a digest for $ref"
      exit 1
    fi
    sleep 0.5
  done
done
