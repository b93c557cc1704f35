#!/usr/bin/env bash
# Turns on audit logging in the kube-apiserver: the policy /etc/kubernetes/audit/policy.yaml (copied by the step
# before), the log /var/log/kubernetes/audit/audit.log, both mounted into the static pod with hostPath volumes.
#
# Before the restart it also issues the tokens the replayed break-in and the innocent traffic use (setup/replay.sh),
# so the audit log shows them used but not issued. They live in /run/cks-lab-replay until replay.sh removes them.
# Running it again changes nothing.
set -euo pipefail

manifest=/etc/kubernetes/manifests/kube-apiserver.yaml
policy=/etc/kubernetes/audit/policy.yaml
log_dir=/var/log/kubernetes/audit

tokens=/run/cks-lab-replay
install -d -m 0700 "$tokens"
for sa in ci/image-builder payments/payments-api monitoring/metrics-agent; do
  kubectl create token "${sa#*/}" --namespace "${sa%/*}" --duration 1h > "$tokens/${sa#*/}.token"
done

[ -f "$policy" ] || { echo "expected the audit policy at $policy" >&2; exit 1; }
mkdir -p "$log_dir"

if grep -q -- '--audit-log-path=' "$manifest"; then
  echo "the kube-apiserver already writes an audit log"
  exit 0
fi

# written next to manifests/ and moved in, so the kubelet never reads a half-written file
next=/etc/kubernetes/kube-apiserver.yaml.next
trap 'rm -f "$next"' EXIT
awk -v policy="$policy" -v log_dir="$log_dir" '
  /^    - kube-apiserver$/ {
    print
    print "    - --audit-policy-file=" policy
    print "    - --audit-log-path=" log_dir "/audit.log"
    next
  }
  /^    volumeMounts:$/ {
    print
    print "    - mountPath: /etc/kubernetes/audit"
    print "      name: audit-policy"
    print "      readOnly: true"
    print "    - mountPath: " log_dir
    print "      name: audit-log"
    next
  }
  /^  volumes:$/ {
    print
    print "  - hostPath:"
    print "      path: /etc/kubernetes/audit"
    print "      type: Directory"
    print "    name: audit-policy"
    print "  - hostPath:"
    print "      path: " log_dir
    print "      type: DirectoryOrCreate"
    print "    name: audit-log"
    next
  }
  { print }
' "$manifest" > "$next"

for expected in "--audit-policy-file=$policy" "--audit-log-path=$log_dir/audit.log" 'name: audit-policy' 'name: audit-log'; do
  [ "$(grep -c -F -- "$expected" "$next")" -ge 1 ] || { echo "could not add $expected to $manifest" >&2; exit 1; }
done

running=$(crictl ps --name '^kube-apiserver$' --state running -q)
mv -f "$next" "$manifest"

# The kubelet stops the running API server before it starts the new one: wait for that, so the setup's next step
# (waiting for /readyz) talks to the new one.
deadline=$((SECONDS + 240))
for id in $running; do
  while [ -n "$(crictl ps --id "$id" --state running -q)" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not restart kube-apiserver within 240 s" >&2; exit 1; }
    sleep 1
  done
done
echo "kube-apiserver restarts with audit logging to $log_dir/audit.log"
