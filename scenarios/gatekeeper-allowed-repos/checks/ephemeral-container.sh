# Ephemeral containers (`kubectl debug`) reach admission as an UPDATE of the pods/ephemeralcontainers subresource.
# On a throwaway pod in payments: adding one with an internal image must work, adding one with a Docker Hub image
# must be rejected by Gatekeeper. Real requests, no dry run; the pod is deleted afterwards.
k() { kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=15s "$@"; }
short() { tr '\n' ' ' | head -c 300; }
pod=grader-ephemeral-$RANDOM$RANDOM
trap 'k -n payments delete pod "$pod" --grace-period=0 --wait=false >/dev/null 2>&1' EXIT

if ! out=$(k -n payments create -f - 2>&1 <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: $pod
spec:
  terminationGracePeriodSeconds: 0
  containers:
    - name: checkout
      image: registry.internal.example:5000/payments/checkout:2.4
YAML
); then
  echo "could not create a pod with the internal image registry.internal.example:5000/payments/checkout:2.4 in payments: $(short <<<"$out")"
  exit 1
fi

add() { # name image
  k -n payments patch pod "$pod" --subresource=ephemeralcontainers --type=strategic \
    -p "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"$1\",\"image\":\"$2\",\"command\":[\"true\"]}]}}" 2>&1
}

if ! out=$(add debug-internal registry.internal.example:5000/platform/debug-tools:1.0); then
  echo "adding an ephemeral container with image registry.internal.example:5000/platform/debug-tools:1.0 was rejected: $(short <<<"$out")"
  exit 1
fi
if out=$(add debug-public busybox:1.37); then
  echo "an ephemeral container with image busybox:1.37 (kubectl debug) was admitted to a pod in payments"
  exit 1
fi
if ! grep -q 'validation.gatekeeper.sh' <<<"$out"; then
  echo "adding an ephemeral container with image busybox:1.37 failed, but not by Gatekeeper's denial: $(short <<<"$out")"
  exit 1
fi
echo "an ephemeral container with image busybox:1.37 is rejected by Gatekeeper; one from the internal registry is admitted"
