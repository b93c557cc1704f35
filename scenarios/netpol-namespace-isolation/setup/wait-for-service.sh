# Runs on the control-plane node after the pods are Ready. The payments-api Service answers only once kube-proxy
# has programmed its endpoints; until then connections are refused, which the checks would take for a
# NetworkPolicy's block. Wait (bounded) until a client reaches it with no policy in place.
set -euo pipefail
deadline=$((SECONDS + 90))
until kubectl -n marketing exec campaigns -- wget -T 2 -q -O /dev/null http://payments-api.payments:8080/ >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then
    echo "Service payments-api still does not answer after 90 s" >&2
    exit 1
  fi
  sleep 1
done
