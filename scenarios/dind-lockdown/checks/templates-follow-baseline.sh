# Every workload in ci that can create pods: its pod template must not ask for what the baseline level forbids
# (the same controls the pod checks look at). ReplicaSets a Deployment controls (its rollout history) and Jobs a
# CronJob controls are judged through their owner, whose template is listed here too.
kinds=deployments.apps,replicasets.apps,statefulsets.apps,daemonsets.apps,jobs.batch,cronjobs.batch,replicationcontrollers
if ! list=$(kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s -n ci get "$kinds" -o json 2>&1); then
  echo "could not list the workloads in namespace ci: $(tail -n 1 <<<"$list")"
  exit 1
fi
if ! found=$(jq -r '
  def baseline_caps: ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];
  def violations:
    (.hostNetwork == true | select(.) | "hostNetwork"),
    (.hostPID == true | select(.) | "hostPID"),
    (.hostIPC == true | select(.) | "hostIPC"),
    ((.volumes // [])[] | select(.hostPath != null) | "hostPath volume \(.name)"),
    (((.containers // []) + (.initContainers // []))[]
      | .name as $c
      | (.securityContext.privileged == true | select(.) | "privileged container \($c)"),
        ((.securityContext.capabilities.add // [])[] | select(. as $cap | baseline_caps | index([$cap]) | not)
          | "capability \(.) in container \($c)"),
        ((.ports // [])[] | select((.hostPort // 0) != 0) | "hostPort \(.hostPort) in container \($c)"));
  .items[]
  | select([.metadata.ownerReferences[]? | select(.controller == true and (.kind == "Deployment" or .kind == "CronJob"))] | length == 0)
  | "\(.kind) \(.metadata.name)" as $who
  | [(if .kind == "CronJob" then .spec.jobTemplate.spec.template.spec else .spec.template.spec end) | violations]
  | select(length > 0)
  | "\($who): \(join(", "))"
' <<<"$list" 2>&1); then
  echo "could not read the workloads in namespace ci: $(head -c 300 <<<"$found")"
  exit 1
fi
if [ -n "$found" ]; then
  echo "expected no workload in ci to ask for pods that break the baseline level, found: $(head -n 5 <<<"$found" | paste -sd ';' - | sed 's/;/; /g')"
  exit 1
fi
echo "no workload in ci asks for privileged, host-namespace, hostPath or extra-capability pods"
