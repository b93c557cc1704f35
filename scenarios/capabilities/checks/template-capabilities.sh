# Verify: the pod template of Deployment edge drops ALL capabilities in container edge and adds back exactly one,
# NET_BIND_SERVICE. Kubernetes passes capability names to the runtime, which prefixes them with CAP_ and compares
# them without regard to case, so "all" and "net_bind_service" work as well; "CAP_NET_BIND_SERVICE" does not (it
# becomes CAP_CAP_NET_BIND_SERVICE, which runc ignores).
if ! deployment=$(kubectl -n gateway get deployment edge -o json 2>&1); then
  echo "expected Deployment edge in namespace gateway: $deployment"
  exit 1
fi
if ! caps=$(jq -ec '[.spec.template.spec.containers[] | select(.name == "edge")][0].securityContext.capabilities // {}' <<<"$deployment" 2>/dev/null); then
  echo "expected a container named edge in Deployment edge's pod template"
  exit 1
fi
drop=$(jq -r '[.drop[]? | ascii_upcase] | join(",")' <<<"$caps")
add=$(jq -r '[.add[]? | ascii_upcase] | join(",")' <<<"$caps")
if ! jq -e '[.drop[]? | ascii_upcase] | index("ALL")' <<<"$caps" >/dev/null; then
  echo "expected container edge to drop ALL capabilities; capabilities.drop is [${drop}]"
  exit 1
fi
if [ "$add" != NET_BIND_SERVICE ]; then
  note=''
  case ",$add," in *,CAP_*) note=' (capability names in Kubernetes have no CAP_ prefix: the runtime adds it, so CAP_NET_BIND_SERVICE becomes CAP_CAP_NET_BIND_SERVICE and is ignored)' ;; esac
  echo "expected container edge to add back exactly NET_BIND_SERVICE; capabilities.add is [${add}]${note}"
  exit 1
fi
echo "container edge drops ALL capabilities and adds back only NET_BIND_SERVICE"
