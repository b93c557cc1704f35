# Gatekeeper creates the CRD for K8sTrustedRegistry a moment after the template is applied, and the API server
# serves the new kind a moment after the CRD is Established: wait (bounded) until it is served.
deadline=$((SECONDS + 90))
until kubectl get --raw /apis/constraints.gatekeeper.sh/v1beta1 2>/dev/null | grep -q '"kind":"K8sTrustedRegistry"'; do
  if ((SECONDS > deadline)); then
    echo "the API server still does not serve constraints.gatekeeper.sh/v1beta1 K8sTrustedRegistry after 90 s" >&2
    kubectl get constrainttemplate k8strustedregistry -o jsonpath='{.status}' 2>&1 | head -c 600 >&2
    exit 1
  fi
  sleep 1
done
