# Runs on the control-plane node after the pods are Ready. A Service answers only once kube-proxy has programmed
# its endpoints; until then connections are refused, which the checks would take for a NetworkPolicy's block.
# Wait (bounded) until every flow the checks probe works with no policy in place.
set -euo pipefail
probe() { kubectl -n "$1" exec "$2" -- wget -T 2 -q -O /dev/null "$3" >/dev/null 2>&1; }
deadline=$((SECONDS + 90))
until probe shop frontend http://10.96.0.80:8080/ && probe shop frontend http://10.96.0.80:9090/ &&
  probe shop db http://10.96.0.80:8080/ && probe partner partner-api http://10.96.0.80:8080/ &&
  probe partner partner-api http://10.96.0.81:5432/ && probe shop frontend http://10.96.0.90:8080/; do
  if ((SECONDS > deadline)); then
    echo "the shop and partner Services still do not all answer after 90 s" >&2
    exit 1
  fi
  sleep 1
done
