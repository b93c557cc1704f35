# Waits until a new edge pod's container has failed at least once and shows why; the old pods keep serving, so
# only the rollout and the running containers tell that the change did not go out.
for _ in $(seq 60); do
  crashed=$(kubectl -n gateway get pods -l app=edge -o jsonpath='{range .items[*]}{.metadata.name} {.status.containerStatuses[0].restartCount}{"\n"}{end}' | awk '$2 > 0 { print $1; exit }')
  if [ -n "$crashed" ]; then
    kubectl -n gateway logs "$crashed" --previous --tail=5 || true
    exit 0
  fi
  sleep 2
done
echo "no edge pod crashed" >&2
exit 1
