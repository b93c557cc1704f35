# After the rollout the Service's endpoints change; wait (bounded) until the page answers from pod client.
set -euo pipefail
deadline=$((SECONDS + 60))
until kubectl -n frontend exec client -- wget -T 2 -q -O /dev/null http://invoices.billing:8080/ >/dev/null 2>&1; do
  if ((SECONDS > deadline)); then
    echo "Service invoices still does not answer from pod client after 60 s" >&2
    exit 1
  fi
  sleep 1
done
