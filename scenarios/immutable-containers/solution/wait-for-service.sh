# After the rollout the old pod leaves Service web's endpoints and the new one joins them; until kube-proxy has
# programmed that, connections to the Service are refused (seen on a loaded CI host). Wait (bounded) until pod
# client gets the page through it, so the checks grade a settled cluster.
set -euo pipefail
deadline=$((SECONDS + 90))
until kubectl -n shop exec client -- wget -T 2 -q -O /dev/null http://web.shop:8080/ >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then
    echo "Service web still does not answer from pod client after 90 s" >&2
    exit 1
  fi
  sleep 1
done
