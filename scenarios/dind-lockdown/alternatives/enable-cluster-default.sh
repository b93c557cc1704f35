#!/usr/bin/env bash
# Points the kube-apiserver at the AdmissionConfiguration in /etc/kubernetes/psa (a flag and a read-only hostPath
# mount of that folder), as a learner would with vim, then waits until the kubelet has stopped the old API server.
set -euo pipefail
manifest=/etc/kubernetes/manifests/kube-apiserver.yaml
dir=/etc/kubernetes/psa
[ -f /root/kube-apiserver.yaml.bak ] || cp "$manifest" /root/kube-apiserver.yaml.bak
next=/etc/kubernetes/kube-apiserver.yaml.next
trap 'rm -f "$next"' EXIT
awk -v dir="$dir" '
  /^    - --allow-privileged=/ { print; print "    - --admission-control-config-file=" dir "/admission-configuration.yaml"; next }
  /^    volumeMounts:$/ { print; print "    - mountPath: " dir; print "      name: pod-security-config"; print "      readOnly: true"; next }
  /^  volumes:$/ { print; print "  - hostPath:"; print "      path: " dir; print "      type: Directory"; print "    name: pod-security-config"; next }
  { print }
' "$manifest" >"$next"
grep -q -e '--admission-control-config-file=' "$next" || { echo "editing $manifest went wrong" >&2; exit 1; }
running=$(crictl ps --name '^kube-apiserver$' --state running -q)
mv -f "$next" "$manifest"
deadline=$((SECONDS + 240))
for id in $running; do
  while [ -n "$(crictl ps --id "$id" --state running -q)" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not restart kube-apiserver within 240 s" >&2; exit 1; }
    sleep 1
  done
done
echo "kube-apiserver restarts with the cluster-wide PodSecurity defaults"
