#!/usr/bin/env bash
# Edits /etc/kubernetes/manifests/kube-apiserver.yaml as a learner would with vim:
#   - --anonymous-auth=true removed and --authentication-config added, pointing at the AuthenticationConfiguration
#     that allows anonymous requests only to the health endpoints (the API server refuses both together);
#   - a hostPath volume and volumeMount for /etc/kubernetes/auth, since the API server runs in a container;
#   - NodeRestriction added to --enable-admission-plugins;
#   - --kubernetes-service-node-port removed, so a recreated kubernetes Service is ClusterIP too.
# The scenario's wrong answer reuses it with parts done differently:
#   --anonymous-flag        --anonymous-auth=false instead of the configuration file: the kubelet's probes of
#                           /livez and /readyz are anonymous too, get 401, and the API server pod never becomes Ready
#   --no-node-restriction   leave NodeRestriction out
set -euo pipefail

anonymous=config node_restriction=yes
for option in "$@"; do
  case "$option" in
    --anonymous-flag) anonymous=flag ;;
    --no-node-restriction) node_restriction=no ;;
    *) echo "unknown option \"$option\" (known: --anonymous-flag, --no-node-restriction)" >&2; exit 2 ;;
  esac
done

manifest=/etc/kubernetes/manifests/kube-apiserver.yaml
auth_dir=/etc/kubernetes/auth
auth_config=$auth_dir/authentication-config.yaml

# Keep a copy outside manifests/: the kubelet runs every file in that folder as a static pod.
[ -f /root/kube-apiserver.yaml.bak ] || cp "$manifest" /root/kube-apiserver.yaml.bak

if grep -q -e '--authentication-config=' -e '--anonymous-auth=false' "$manifest"; then
  echo "the kube-apiserver manifest is already closed"
  exit 0
fi

if [ "$anonymous" = config ] && [ ! -f "$auth_config" ]; then
  echo "expected the AuthenticationConfiguration at $auth_config" >&2
  exit 1
fi

next=/etc/kubernetes/kube-apiserver.yaml.next
trap 'rm -f "$next"' EXIT
awk -v anonymous="$anonymous" -v node_restriction="$node_restriction" -v dir="$auth_dir" -v config="$auth_config" '
  /^    - --anonymous-auth=/ || /^    - --kubernetes-service-node-port=/ { next }
  /^    - --allow-privileged=/ {
    print
    if (anonymous == "flag") print "    - --anonymous-auth=false"
    else print "    - --authentication-config=" config
    next
  }
  /^    - --enable-admission-plugins=/ {
    if (node_restriction == "yes" && $0 !~ /[=,]NodeRestriction(,|$)/) $0 = $0 ",NodeRestriction"
    print
    next
  }
  /^    volumeMounts:$/ && anonymous == "config" {
    print
    print "    - mountPath: " dir
    print "      name: authentication-config"
    print "      readOnly: true"
    next
  }
  /^  volumes:$/ && anonymous == "config" {
    print
    print "  - hostPath:"
    print "      path: " dir
    print "      type: Directory"
    print "    name: authentication-config"
    next
  }
  { print }
' "$manifest" > "$next"

if grep -q -e '--anonymous-auth=true' -e '--kubernetes-service-node-port=' "$next"; then
  echo "editing $manifest went wrong: --anonymous-auth=true or --kubernetes-service-node-port is still there" >&2
  exit 1
fi

running=$(crictl ps --name '^kube-apiserver$' --state running -q)
mv -f "$next" "$manifest"

# The kubelet stops the running API server before it starts the new one: wait for that, so the next step
# (waiting for /readyz) talks to the new one.
deadline=$((SECONDS + 240))
for id in $running; do
  while [ -n "$(crictl ps --id "$id" --state running -q)" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not restart kube-apiserver within 240 s" >&2; exit 1; }
    sleep 1
  done
done
echo "kube-apiserver restarts (anonymous: $anonymous, NodeRestriction: $node_restriction)"
