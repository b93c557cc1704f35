# Included by the checks that read Job ci/build-storefront (scenario.yaml `include`). A Job's pod template cannot
# change after creation, so its pods run exactly this spec.

# job_problems FILTER: loads the Job and prints what the jq FILTER (over the pod spec, as $spec, with
# $containers = containers + initContainers) finds, one problem per line; fails with a message when the Job
# cannot be read.
job_problems() {
  local job out
  if ! job=$(kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s -n ci get job build-storefront -o json 2>&1); then
    echo "could not read Job ci/build-storefront: $(tail -n 1 <<<"$job" | head -c 200)"
    return 1
  fi
  if ! out=$(jq -r ".spec.template.spec as \$spec
    | ((\$spec.containers // []) + (\$spec.initContainers // [])) as \$containers
    | $1" <<<"$job" 2>&1); then
    echo "could not read the pod template of Job ci/build-storefront: $(head -c 200 <<<"$out")"
    return 1
  fi
  head -n 5 <<<"$out" | head -c 300
}

# report PROBLEMS OK-MESSAGE: fails with the problems, or passes with the message.
report() {
  if [[ -n "$1" ]]; then
    echo "Job ci/build-storefront: $(paste -sd ';' - <<<"$1" | sed 's/;/; /g')"
    exit 1
  fi
  echo "$2"
}
