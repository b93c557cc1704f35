# Waits (bounded) until the new reports pod shows that it cannot start: a restarted container or a waiting reason
# such as CreateContainerConfigError. The old pod keeps serving, so only the rollout and the process tell.
for _ in $(seq 60); do
  bad=$(kubectl -n analytics get pods -l app=reports -o json | jq -r '.items[]
    | select(any(.status.containerStatuses[]?; .restartCount > 0
        or (.state.waiting.reason // "" | test("CreateContainerConfigError|CrashLoopBackOff"))))
    | .metadata.name' | head -n 1)
  if [ -n "$bad" ]; then
    kubectl -n analytics get pod "$bad" -o jsonpath='{.status.containerStatuses[0].state}{"\n"}'
    exit 0
  fi
  sleep 2
done
echo "no new reports pod failed" >&2
exit 1
