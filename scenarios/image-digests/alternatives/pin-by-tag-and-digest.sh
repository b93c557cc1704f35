# Enforces first, then pins: reads each image's digest from a running pod's status (imageID) and keeps the tag
# in the reference (name:tag@sha256:…), patching the pod templates instead of `kubectl set image`.
kubectl label namespace payments images=pinned
pod=$(kubectl -n payments get pods -l app=ledger -o jsonpath='{.items[0].metadata.name}')
busybox=$(kubectl -n payments get pod "$pod" -o jsonpath='{.status.initContainerStatuses[0].imageID}')
nettools=$(kubectl -n payments get pod "$pod" -o jsonpath='{.status.containerStatuses[0].imageID}')
busybox="busybox:1.37@${busybox#*@}"
nettools="docker.io/cks-lab/nettools:1@${nettools#*@}"
kubectl -n payments patch deployment ledger -p "{\"spec\":{\"template\":{\"spec\":{
  \"initContainers\":[{\"name\":\"wait-config\",\"image\":\"$busybox\"}],
  \"containers\":[{\"name\":\"ledger\",\"image\":\"$nettools\"}]}}}}"
kubectl -n payments patch cronjob nightly-report -p "{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{
  \"containers\":[{\"name\":\"report\",\"image\":\"$busybox\"}]}}}}}}"
kubectl -n payments rollout status deployment/ledger --timeout=120s
