#!/usr/bin/env bash
# Fixes the kube-bench findings the task lists, as a learner would with vim and systemctl:
#   etcd                 1.1.11  chmod 700 /var/lib/etcd
#   kubelet              4.2.1/4.2.2  anonymous auth off and authorization mode Webhook in the kubelet config, restart
#   controller-manager   1.3.2   --profiling=false in its static pod manifest
#   apiserver            1.2.15  --profiling=false in its static pod manifest (the kubelet restarts it)
# With no arguments it does all four. The scenario's wrong answers name the parts they do, with these mistakes:
#   etcd-750             chmod 750: group access left, "700 or more restrictive" means none
#   kubelet-file-only    edits the kubelet config but never restarts the kubelet
#   apiserver-copy       edits a copy of the API server manifest in /root, not the one the kubelet runs
set -euo pipefail

parts=("$@")
[ "${#parts[@]}" -gt 0 ] || parts=(etcd kubelet controller-manager apiserver)
manifests=/etc/kubernetes/manifests

# add_profiling_false MANIFEST COMMAND OUT: the static pod manifest with --profiling=false after its command line
add_profiling_false() {
  cp -p "$1" "$3" # keeps the manifest's mode (600, kube-bench 1.1.1/1.1.3)
  awk -v cmd="    - $2" '{ print } $0 == cmd { print "    - --profiling=false" }' "$1" > "$3"
  [ "$(grep -c -- '^    - --profiling=false$' "$3")" = 1 ] ||
    { echo "could not add --profiling=false to $1" >&2; exit 1; }
}

kubelet_config() {
  local config=/var/lib/kubelet/config.yaml
  sed -i -E \
    -e '/^  anonymous:$/,/^  [a-z]/ s/^    enabled: (true|false)$/    enabled: false/' \
    -e '/^authorization:$/,/^[a-z]/ s/^  mode: .*/  mode: Webhook/' \
    "$config"
  grep -A1 -x '  anonymous:' "$config" | grep -qx '    enabled: false'
  grep -A1 -x 'authorization:' "$config" | grep -qx '  mode: Webhook'
}

for part in "${parts[@]}"; do
  case "$part" in
    etcd) chmod 700 /var/lib/etcd ;;
    etcd-750) chmod 750 /var/lib/etcd ;;
    kubelet)
      kubelet_config
      systemctl restart kubelet
      deadline=$((SECONDS + 90))
      until [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 https://127.0.0.1:10250/pods || true)" = 401 ]; do
        [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not come back refusing anonymous requests" >&2; exit 1; }
        sleep 1
      done ;;
    kubelet-file-only) kubelet_config ;;
    controller-manager)
      # written beside manifests/ and moved in, so the kubelet never reads a half-written file
      add_profiling_false "$manifests/kube-controller-manager.yaml" kube-controller-manager /etc/kubernetes/kcm.next
      mv -f /etc/kubernetes/kcm.next "$manifests/kube-controller-manager.yaml" ;;
    apiserver-copy)
      cp "$manifests/kube-apiserver.yaml" /root/kube-apiserver.yaml.orig
      add_profiling_false /root/kube-apiserver.yaml.orig kube-apiserver /root/kube-apiserver.yaml ;;
    apiserver)
      running=$(crictl ps --name '^kube-apiserver$' --state running -q)
      add_profiling_false "$manifests/kube-apiserver.yaml" kube-apiserver /etc/kubernetes/apiserver.next
      mv -f /etc/kubernetes/apiserver.next "$manifests/kube-apiserver.yaml"
      # the kubelet stops the running API server first; wait for that, so what runs next talks to the new one
      deadline=$((SECONDS + 240))
      for id in $running; do
        while [ -n "$(crictl ps --id "$id" --state running -q)" ]; do
          [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not restart kube-apiserver within 240 s" >&2; exit 1; }
          sleep 1
        done
      done ;;
    *) echo "unknown part \"$part\"" >&2; exit 2 ;;
  esac
  echo "done: $part"
done
