# Verify: kubesec scores the RUNNING pod (its live spec from the API server, not the file on disk) at least
# MIN_SCORE and finds nothing critical in any of its containers.
min_score=7
if ! pod=$(kubectl -n billing get pod invoice-worker -o json 2>&1); then
  echo "could not read pod invoice-worker in namespace billing: $pod"
  exit 1
fi
# kubesec exits 2 for a score of 0 or less; the JSON report says why either way
report=$(kubesec scan - <<<"$pod" 2>&1) || true
if ! summary=$(jq -er '.[0] | [(.valid | tostring), (.score | tostring), ([.scoring.critical[]?.id] | join(","))] | join(" ")' <<<"$report" 2>/dev/null); then
  echo "kubesec could not scan the running pod: $report"
  exit 1
fi
read -r valid score critical <<<"$summary"
if [ "$valid" != true ]; then
  echo "kubesec rejects the running pod as invalid: $(jq -r '.[0].message' <<<"$report")"
  exit 1
fi
if [ -n "$critical" ] || [ "$score" -lt "$min_score" ]; then
  echo "expected the running pod to score at least $min_score with no critical findings; kubesec reports score $score, critical: ${critical:-none}"
  exit 1
fi
echo "kubesec scores the running pod invoice-worker $score (at least $min_score required), no critical findings"
