#!/usr/bin/env bash
# Wires ImagePolicyWebhook into the kube-apiserver static pod, as a learner would with vim:
#   - defaultAllow: false in the admission configuration (fail closed),
#   - ImagePolicyWebhook in --enable-admission-plugins and --admission-control-config-file,
#   - a hostPath volume and volumeMount for /etc/kubernetes/policywebhook (the API server runs in a container).
# The scenario's wrong answers reuse it with one part left out:
#   --keep-default-allow   leave defaultAllow: true (fails open when the backend is unreachable)
#   --no-plugin            add the config flag and mount, but not the plugin
#   --no-volume            add plugin and flag, but no volume: the API server cannot read its config and stays down
#   --replace-plugins      set the plugin list to ImagePolicyWebhook alone, dropping NodeRestriction
# Every run starts from the manifest as setup left it, so the script can be run again with other options.
set -euo pipefail

default_allow=false plugin=yes volume=yes replace=no
for option in "$@"; do
  case "$option" in
    --keep-default-allow) default_allow=true ;;
    --no-plugin) plugin=no ;;
    --no-volume) volume=no ;;
    --replace-plugins) replace=yes ;;
    *) echo "unknown option \"$option\" (known: --keep-default-allow, --no-plugin, --no-volume, --replace-plugins)" >&2; exit 2 ;;
  esac
done

# KUBERNETES_DIR only exists so tests can run this against a copy
kubernetes_dir=${KUBERNETES_DIR:-/etc/kubernetes}
dir=/etc/kubernetes/policywebhook # as the API server container sees it
manifest=$kubernetes_dir/manifests/kube-apiserver.yaml
config=$kubernetes_dir/policywebhook/admission_config.yaml
# kept outside manifests/: the kubelet runs every file in that folder as a static pod
original=$kubernetes_dir/kube-apiserver.yaml.orig
[ -f "$original" ] || cp "$manifest" "$original"

sed -i -E "s/^( *defaultAllow:) *(true|false) *$/\1 ${default_allow}/" "$config"
grep -q "defaultAllow: ${default_allow}\$" "$config" ||
  { echo "could not set defaultAllow: ${default_allow} in $config" >&2; exit 1; }

# written next to manifests/ and moved in, so the kubelet never reads a half-written file
next=$kubernetes_dir/kube-apiserver.yaml.next
trap 'rm -f "$next"' EXIT
awk -v dir="$dir" -v plugin="$plugin" -v volume="$volume" -v replace="$replace" '
  /^    - --enable-admission-plugins=/ {
    if (replace == "yes") $0 = "    - --enable-admission-plugins=ImagePolicyWebhook"
    else if (plugin == "yes" && $0 !~ /ImagePolicyWebhook/) $0 = $0 ",ImagePolicyWebhook"
    print
    print "    - --admission-control-config-file=" dir "/admission_config.yaml"
    next
  }
  /^    volumeMounts:$/ && volume == "yes" {
    print
    print "    - mountPath: " dir
    print "      name: policywebhook"
    print "      readOnly: true"
    next
  }
  /^  volumes:$/ && volume == "yes" {
    print
    print "  - hostPath:"
    print "      path: " dir
    print "      type: Directory"
    print "    name: policywebhook"
    next
  }
  { print }
' "$original" > "$next"

expect_lines() { # pattern count what
  local found
  found=$(grep -c -E -- "$1" "$next" || true)
  [ "$found" = "$2" ] || { echo "editing $manifest went wrong: expected $2 line(s) with $3, found $found" >&2; exit 1; }
}
expect_lines "^    - --admission-control-config-file=$dir/admission_config.yaml\$" 1 "the config flag"
expect_lines '^    - --enable-admission-plugins=.*ImagePolicyWebhook' "$([ "$plugin" = yes ] && echo 1 || echo 0)" "the plugin"
expect_lines "(mountPath|path): $dir\$" "$([ "$volume" = yes ] && echo 2 || echo 0)" "the volume and its mount"
expect_lines '^    - --enable-admission-plugins=.*NodeRestriction' "$([ "$replace" = yes ] && echo 0 || echo 1)" "NodeRestriction"

# the API server container running now (none where there is no container runtime, as in tests)
running=$(crictl ps --name '^kube-apiserver$' --state running -q 2>/dev/null || true)
mv -f "$next" "$manifest"

# The kubelet notices the change and stops the running API server first; wait for that, so whatever runs next
# talks to the new one (or finds none).
deadline=$((SECONDS + 240))
for id in $running; do
  while [ -n "$(crictl ps --id "$id" --state running -q 2>/dev/null)" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "the kubelet did not restart kube-apiserver within 240 s" >&2; exit 1; }
    sleep 1
  done
done
echo "kube-apiserver manifest updated (plugin=$plugin volume=$volume defaultAllow=$default_allow replacePlugins=$replace)"
