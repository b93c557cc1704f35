#!/usr/bin/env bash
# What a candidate does on the control-plane node, scripted:
#   - writes /etc/kubernetes/enc/enc.yaml, an EncryptionConfiguration for secrets with a fresh 32-byte key, the
#     encrypting provider first and identity after it (Secrets not yet rewritten stay readable);
#   - adds --encryption-provider-config and a hostPath volume + volumeMount for /etc/kubernetes/enc to the
#     kube-apiserver manifest;
#   - waits until the kubelet has stopped the old API server, so the next step (waiting for /readyz) talks to the
#     new one.
# Rewriting the existing Secrets is a step of its own. The scenario's alternative and wrong answers reuse it:
#   --secretbox       secretbox instead of aescbc (a correct variant)
#   --identity-first  identity listed before aescbc: the API server writes with identity, nothing gets encrypted
#   --no-identity     aescbc only: Secrets still stored unencrypted can no longer be read
set -euo pipefail

provider=aescbc identity=last
for option in "$@"; do
  case "$option" in
    --secretbox) provider=secretbox ;;
    --identity-first) identity=first ;;
    --no-identity) identity=none ;;
    *) echo "unknown option \"$option\" (known: --secretbox, --identity-first, --no-identity)" >&2; exit 2 ;;
  esac
done

dir=/etc/kubernetes/enc
config=$dir/enc.yaml
manifest=/etc/kubernetes/manifests/kube-apiserver.yaml

mkdir -p "$dir"
key=$(head -c 32 /dev/urandom | base64)
{
  echo 'apiVersion: apiserver.config.k8s.io/v1'
  echo 'kind: EncryptionConfiguration'
  echo 'resources:'
  echo '  - resources:'
  echo '      - secrets'
  echo '    providers:'
  [ "$identity" = first ] && echo '      - identity: {}'
  echo "      - $provider:"
  echo '          keys:'
  echo '            - name: key1'
  echo "              secret: $key"
  [ "$identity" = last ] && echo '      - identity: {}'
  true
} >"$config"
chmod 600 "$config"

# Keep a copy outside manifests/: the kubelet runs every file in that folder as a static pod.
[ -f /root/kube-apiserver.yaml.bak ] || cp "$manifest" /root/kube-apiserver.yaml.bak

if grep -q -e '--encryption-provider-config=' "$manifest"; then
  echo "the kube-apiserver manifest already has --encryption-provider-config"
  exit 0
fi

next=/etc/kubernetes/kube-apiserver.yaml.next
trap 'rm -f "$next"' EXIT
awk -v dir="$dir" -v config="$config" '
  /^    - kube-apiserver$/ { print; print "    - --encryption-provider-config=" config; next }
  /^    volumeMounts:$/ {
    print
    print "    - mountPath: " dir
    print "      name: enc"
    print "      readOnly: true"
    next
  }
  /^  volumes:$/ {
    print
    print "  - hostPath:"
    print "      path: " dir
    print "      type: DirectoryOrCreate"
    print "    name: enc"
    next
  }
  { print }
' "$manifest" >"$next"

[ "$(grep -c -e '--encryption-provider-config=' -e 'name: enc$' "$next")" = 3 ] || {
  echo "editing $manifest went wrong: the flag or the volume is missing" >&2
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
echo "kube-apiserver restarts with $config ($provider, identity: $identity)"
