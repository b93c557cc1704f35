# Runs on the control-plane node after the pods are Ready. Service edge answers only once kube-proxy has programmed
# its endpoints; wait (bounded) until pod client gets the page through it, so the checks start from a settled state.
set -euo pipefail
deadline=$((SECONDS + 90))
until kubectl -n gateway exec client -- wget -T 2 -q -O /dev/null http://edge.gateway:80/ >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then
    echo "Service edge still does not answer after 90 s" >&2
    exit 1
  fi
  sleep 1
done
