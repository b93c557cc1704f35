#!/usr/bin/env bash
# Edits /etc/kubernetes/manifests/kube-apiserver.yaml as a learner would with vim:
#   - the audit flags: policy file, log path and the three rotation flags;
#   - hostPath volumes and volumeMounts for the policy file (a File) and the log directory (DirectoryOrCreate),
#     since the API server runs in a container.
# Then waits until the kubelet has stopped the old API server, so the next step (waiting for /readyz) talks to the
# new one. The scenario's wrong answer reuses it:
#   --no-log-mount   leave the log directory's volume out: the API server writes its log inside its container
set -euo pipefail

log_mount=yes
for option in "$@"; do
  case "$option" in
    --no-log-mount) log_mount=no ;;
    *) echo "unknown option \"$option\" (known: --no-log-mount)" >&2; exit 2 ;;
  esac
done

manifest=/etc/kubernetes/manifests/kube-apiserver.yaml
policy=/etc/kubernetes/audit/policy.yaml
log_dir=/var/log/kubernetes/audit

[ -f "$policy" ] || { echo "expected the audit policy at $policy" >&2; exit 1; }

# Keep a copy outside manifests/: the kubelet runs every file in that folder as a static pod.
[ -f /root/kube-apiserver.yaml.bak ] || cp "$manifest" /root/kube-apiserver.yaml.bak

if grep -q -e '--audit-policy-file=' "$manifest"; then
  echo "the kube-apiserver manifest already has audit flags"
  exit 0
fi

next=/etc/kubernetes/kube-apiserver.yaml.next
trap 'rm -f "$next"' EXIT
awk -v policy="$policy" -v dir="$log_dir" -v log_mount="$log_mount" '
  /^    - kube-apiserver$/ {
    print
    print "    - --audit-policy-file=" policy
    print "    - --audit-log-path=" dir "/audit.log"
    print "    - --audit-log-maxage=7"
    print "    - --audit-log-maxbackup=5"
    print "    - --audit-log-maxsize=20"
    next
  }
  /^    volumeMounts:$/ {
    print
    print "    - mountPath: " policy
    print "      name: audit-policy"
    print "      readOnly: true"
    if (log_mount == "yes") {
      print "    - mountPath: " dir
      print "      name: audit-log"
    }
    next
  }
  /^  volumes:$/ {
    print
    print "  - hostPath:"
    print "      path: " policy
    print "      type: File"
    print "    name: audit-policy"
    if (log_mount == "yes") {
      print "  - hostPath:"
      print "      path: " dir
      print "      type: DirectoryOrCreate"
      print "    name: audit-log"
    }
    next
  }
  { print }
' "$manifest" > "$next"

grep -q -e '--audit-log-maxsize=20' "$next" && grep -q 'name: audit-policy' "$next" || {
  echo "editing $manifest went wrong: the audit flags or volumes are missing" >&2
  exit 1
}

running=$(crictl ps --name '^kube-apiserver$' --state running -q)
mv -f "$next" "$manifest"

deadline=$((SECONDS + 240))
for id in $running; do
  while [ -n "$(crictl ps --id "$id" --state running -q)" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not restart kube-apiserver within 240 s" >&2; exit 1; }
    sleep 1
  done
done
echo "kube-apiserver restarts with audit logging (log directory mounted: $log_mount)"
