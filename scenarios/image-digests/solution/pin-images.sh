# Look up the digest of each image the workloads run (as the container runtime on the node records it) and pin
# the Deployment's initContainer and container and the CronJob's container to it.
busybox=$(crictl inspecti -o json docker.io/library/busybox:1.37 | jq -r '.status.repoDigests[0]')
nettools=$(crictl inspecti -o json docker.io/cks-lab/nettools:1 | jq -r '.status.repoDigests[0]')
echo "busybox:1.37 is $busybox, cks-lab/nettools:1 is $nettools"
kubectl -n payments set image deployment/ledger wait-config="$busybox" ledger="$nettools"
kubectl -n payments set image cronjob/nightly-report report="$busybox"
kubectl -n payments rollout status deployment/ledger --timeout=120s
