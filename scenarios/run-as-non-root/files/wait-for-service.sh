# Runs on the control-plane node after the pods are Ready. Service reports answers only once kube-proxy has
# programmed its endpoints; wait (bounded) until pod client gets the heartbeat through it.
set -euo pipefail
deadline=$((SECONDS + 90))
until kubectl -n analytics exec client -- wget -T 2 -q -O /dev/null http://reports.analytics:8080/heartbeat >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then
    echo "Service reports still does not answer after 90 s" >&2
    exit 1
  fi
  sleep 1
done
