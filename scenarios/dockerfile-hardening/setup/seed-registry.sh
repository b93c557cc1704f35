# Seeds the lab registry with the build's base image (the node holds busybox:1.37; nothing can be pulled from the
# internet) and waits until pods can reach the registry through its Service.
answers() { curl -fsS -o /dev/null --max-time 2 "$1/v2/" 2>/dev/null; }
within 60 'the registry does not answer on localhost:5000' answers http://localhost:5000

ctr -n k8s.io images tag --force docker.io/library/busybox:1.37 localhost:5000/library/busybox:1.37 >/dev/null
ctr -n k8s.io images push --plain-http localhost:5000/library/busybox:1.37 docker.io/library/busybox:1.37 >/dev/null
ctr -n k8s.io images rm localhost:5000/library/busybox:1.37 >/dev/null

has_busybox() {
  curl -fsS -o /dev/null --max-time 2 \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    http://localhost:5000/v2/library/busybox/manifests/1.37 2>/dev/null
}
within 30 'busybox:1.37 did not arrive in the registry' has_busybox

# kube-proxy programs the Service a moment after the registry pod is Ready
ip=$(kubectl -n registry get service registry -o jsonpath='{.spec.clusterIP}')
within 60 "the registry Service ($ip:5000) does not answer" answers "http://$ip:5000"
echo "registry ready: localhost:5000 on the node, registry.registry.svc.cluster.local:5000 ($ip) for pods"
