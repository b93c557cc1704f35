#!/usr/bin/env bash
# Makes three CIS findings true on the control-plane node, on top of the kubeadm defaults (which already leave
# --profiling on for kube-apiserver and kube-controller-manager, kube-bench 1.2.15 and 1.3.2):
#   1.1.11  the etcd data directory is world-readable (755; kubeadm makes it 700)
#   4.2.1   the kubelet serves anonymous requests (authentication.anonymous.enabled: true)
#   4.2.2   the kubelet authorizes every request (authorization.mode: AlwaysAllow)
set -euo pipefail

chmod 755 /var/lib/etcd

config=/var/lib/kubelet/config.yaml
# kubeadm's layout: authentication.anonymous.enabled (4 spaces deep) and authorization.mode (2 spaces deep)
sed -i -E \
  -e '/^  anonymous:$/,/^  [a-z]/ s/^    enabled: (true|false)$/    enabled: true/' \
  -e '/^authorization:$/,/^[a-z]/ s/^  mode: .*/  mode: AlwaysAllow/' \
  "$config"
grep -A1 -x '  anonymous:' "$config" | grep -qx '    enabled: true' ||
  { echo "could not enable anonymous authentication in $config" >&2; exit 1; }
grep -A1 -x 'authorization:' "$config" | grep -qx '  mode: AlwaysAllow' ||
  { echo "could not set authorization.mode: AlwaysAllow in $config" >&2; exit 1; }
systemctl restart kubelet

# the restarted kubelet answers anonymous requests (401 until it has read the new config)
deadline=$((SECONDS + 90))
until [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 https://127.0.0.1:10250/pods || true)" = 200 ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not serve anonymous requests within 90 s" >&2; exit 1; }
  sleep 1
done
echo "etcd data dir 755, kubelet: anonymous auth on, authorization AlwaysAllow"
