# Verify: kube-bench, run on the control-plane node, reports PASS for the profiling checks 1.2.15 and 1.3.2.
ids="1.2.15 1.3.2"
report=$(kube-bench run --check "${ids// /,}" --json 2>/dev/null | head -c 1048576)
results=$(jq -r '.Controls[]?.tests[]?.results[]? | "\(.test_number)=\(.status)"' <<<"$report" 2>/dev/null) || results=""
if [ -z "$results" ]; then
  echo "kube-bench printed no report; run \`kube-bench run --check ${ids// /,}\` on the control-plane node to see why"
  exit 1
fi
summary="" failing=0
for id in $ids; do
  status=$(grep -m1 "^$id=" <<<"$results" | cut -d= -f2)
  summary="$summary $id ${status:-missing},"
  [ "$status" = PASS ] || failing=1
done
if [ "$failing" = 1 ]; then
  echo "expected kube-bench to report PASS for $ids; it reports${summary%,}"
  exit 1
fi
echo "kube-bench reports${summary%,}"
