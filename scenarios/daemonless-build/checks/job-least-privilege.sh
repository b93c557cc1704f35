# Every container: allowPrivilegeEscalation false, all capabilities dropped, only SETUID, SETGID and SETFCAP added.
problems=$(job_problems '
  $containers[]
  | .name as $c
  | (.securityContext.allowPrivilegeEscalation != false | select(.) | "container \($c) does not set allowPrivilegeEscalation: false"),
    ((.securityContext.capabilities.drop // []) | index(["ALL"]) == null | select(.) | "container \($c) does not drop ALL capabilities"),
    ((.securityContext.capabilities.add // [])[] | select(IN("SETUID", "SETGID", "SETFCAP") | not) | "container \($c) adds \(.)")') || {
  echo "$problems"
  exit 1
}
report "$problems" "every container of Job ci/build-storefront disallows privilege escalation, drops ALL and adds at most SETUID, SETGID, SETFCAP"
