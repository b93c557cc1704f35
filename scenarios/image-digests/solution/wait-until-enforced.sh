# A new policy takes a moment to reach the API server's admission chain: wait until a tag-only pod in payments is
# refused by a ValidatingAdmissionPolicy (a server-side dry run, nothing is created).
deadline=$((SECONDS + 60))
while true; do
  answer=$(kubectl -n payments run enforcement-probe --image=busybox:1.37 --restart=Never --dry-run=server -o name 2>&1 || true)
  if [[ $answer == *ValidatingAdmissionPolicy* ]]; then break; fi
  if ((SECONDS > deadline)); then
    echo "no ValidatingAdmissionPolicy rejects a tag-only pod in payments after 60 s; last answer: $answer"
    exit 1
  fi
  sleep 0.5
done
