# Verify: CronJob nightly-report's container "report" names busybox by the digest that this node's container
# runtime records for busybox:1.37 (no Job has to run for this; a digest the node does not have would fail to pull).
if ! image=$(kubectl -n payments get cronjob nightly-report \
  -o jsonpath='{.spec.jobTemplate.spec.template.spec.containers[?(@.name=="report")].image}' 2>&1); then
  echo "could not read CronJob payments/nightly-report: $image"
  exit 1
fi
if [[ -z $image ]]; then
  echo "CronJob payments/nightly-report has no container named report"
  exit 1
fi
if ! [[ $image =~ ^(docker\.io/)?(library/)?busybox(:1\.37)?@(sha256:[0-9a-f]{64})$ ]]; then
  echo "expected the report container's image to be busybox pinned by digest (busybox@sha256:<digest> or busybox:1.37@sha256:<digest>), found: $image"
  exit 1
fi
digest=${BASH_REMATCH[4]}
if ! known=$(crictl inspecti -o json docker.io/library/busybox:1.37 2>/dev/null | jq -r '.status.repoDigests[]? | sub(".*@"; "")'); then
  echo "cannot read the digest of busybox:1.37 from the container runtime (crictl inspecti docker.io/library/busybox:1.37)"
  exit 1
fi
if ! grep -qxF "$digest" <<<"$known"; then
  echo "the report container names busybox@$digest, but busybox:1.37 on this node has digest $(echo $known): no such image can start here"
  exit 1
fi
echo "the report container runs $image, the digest of busybox:1.37 on this node"
