# Wrong: drops ingressClassName; no IngressClass is the cluster default, so no controller serves the Ingress.
set -euo pipefail
kubectl -n shop patch ingress secure --type=json -p '[{"op":"remove","path":"/spec/ingressClassName"}]'
# wait (at most 30 s) until the controller dropped it: both ports answer 404 for the host
dropped() { [[ "$(code https 443 secure.example.test)" == 404 && "$(code http 80 secure.example.test)" == 404 ]]; }
within 30 'the controller still serves the Ingress after 30 s' dropped
