#!/usr/bin/env bash
# Leaves the API server the way the task finds it:
#   - anonymous requests explicitly allowed (--anonymous-auth=true; the default, now spelled out),
#   - NodeRestriction dropped from --enable-admission-plugins (the list names plugins that are on anyway),
#   - the kubernetes Service published on NodePort 31443, and --kubernetes-service-node-port=31443, which makes the
#     API server create it that way whenever the Service is recreated.
# Running it again changes nothing.
set -euo pipefail

manifest=/etc/kubernetes/manifests/kube-apiserver.yaml
node_port=31443

# The API server never resets the Service's type once it exists (it reconciles only endpoints), so the exposure
# stays when the flag is removed; patched while the API server still answers.
kubectl patch service kubernetes --namespace default --type merge -p "{\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"name\":\"https\",\"port\":443,\"protocol\":\"TCP\",\"targetPort\":6443,\"nodePort\":${node_port}}]}}"

if grep -q -- "--kubernetes-service-node-port=${node_port}\$" "$manifest"; then
  echo "the kube-apiserver manifest is already opened up"
  exit 0
fi

# written next to manifests/ and moved in, so the kubelet never reads a half-written file
next=/etc/kubernetes/kube-apiserver.yaml.next
trap 'rm -f "$next"' EXIT
awk -v node_port="$node_port" '
  /^    - --allow-privileged=/ { print; print "    - --anonymous-auth=true"; next }
  /^    - --anonymous-auth=/ { next }
  /^    - --enable-admission-plugins=/ { print "    - --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount"; next }
  /^    - --kubelet-preferred-address-types=/ { print; print "    - --kubernetes-service-node-port=" node_port; next }
  { print }
' "$manifest" > "$next"

for expected in --anonymous-auth=true --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount \
  "--kubernetes-service-node-port=${node_port}"; do
  [ "$(grep -c -x -F -- "    - $expected" "$next")" = 1 ] || { echo "could not set $expected in $manifest" >&2; exit 1; }
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
echo "kube-apiserver restarts with anonymous auth on, without NodeRestriction, published on NodePort ${node_port}"
