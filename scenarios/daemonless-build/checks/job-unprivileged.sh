# No privileged container, no node path, no node namespace: nothing that reaches a daemon or the node.
problems=$(job_problems '
  ($containers[] | select(.securityContext.privileged == true) | "container \(.name) is privileged"),
  (($spec.volumes // [])[] | select(.hostPath != null) | "volume \(.name) mounts the node path \(.hostPath.path)"),
  (("hostNetwork", "hostPID", "hostIPC") as $k | select($spec[$k] == true) | "\($k) is true")') || {
  echo "$problems"
  exit 1
}
report "$problems" "Job ci/build-storefront runs no privileged container, mounts no hostPath and shares no node namespace"
