# Verify: kubesec scores the learner's manifest at least MIN_SCORE and finds nothing critical.
manifest=/root/kubesec/invoice-worker.yaml
min_score=7
if [ ! -f "$manifest" ]; then
  echo "expected $manifest to exist, it does not (restore it from the pod: kubectl -n billing get pod invoice-worker -o yaml)"
  exit 1
fi
# kubesec exits 2 for a score of 0 or less; the JSON report says why either way
report=$(kubesec scan "$manifest" 2>&1) || true
if ! summary=$(jq -er '.[0] | [(.valid | tostring), (.score | tostring), ([.scoring.critical[]?.id] | join(","))] | join(" ")' <<<"$report" 2>/dev/null); then
  echo "kubesec could not scan $manifest: $report"
  exit 1
fi
read -r valid score critical <<<"$summary"
if [ "$valid" != true ]; then
  echo "kubesec rejects $manifest as invalid: $(jq -r '.[0].message' <<<"$report")"
  exit 1
fi
if [ -n "$critical" ] || [ "$score" -lt "$min_score" ]; then
  echo "expected a kubesec score of at least $min_score with no critical findings; kubesec reports score $score, critical: ${critical:-none}"
  exit 1
fi
echo "kubesec scores $manifest $score (at least $min_score required), no critical findings"
