#!/usr/bin/env bash
# Adds cks-lab's runtime settings to the base image's own containerd config (kind's, version = 2) instead of
# replacing it, so whatever the base's containerd needs stays:
# - runc goes through cks-lab-runc-clamp, which drops capabilities the host cannot grant (a no-op on normal hosts)
# - a `runsc` runtime handler for gVisor RuntimeClasses
# - restrict_oom_score_adj, for hosts without CAP_SYS_RESOURCE (as the offline image's config explains)
# Running it twice changes nothing.
# usage: patch-containerd-config.sh CONFIG_TOML
set -euo pipefail
config="$1"
clamp=/usr/local/sbin/cks-lab-runc-clamp
runc_options='[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]'
runsc_header='[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc]'

grep -q '^version = 2' "$config" || { echo "$config: not a containerd config with version = 2" >&2; exit 1; }
grep -qF "$runc_options" "$config" || { echo "$config: no $runc_options section for the clamp" >&2; exit 1; }

patched="$config.cks-lab"
awk -v header="$runc_options" -v binary="    BinaryName = \"$clamp\"" '
  # the clamp goes first in runc.options; a BinaryName the base set there is dropped
  /^[[:space:]]*\[/ {
    line = $0; gsub(/^[[:space:]]+|[[:space:]]+$/, "", line)
    in_runc = (line == header)
    print
    if (in_runc) print binary
    next
  }
  in_runc && /^[[:space:]]*BinaryName[[:space:]]*=/ { next }
  { print }
' "$config" > "$patched"
sed -i 's/^\([[:space:]]*restrict_oom_score_adj[[:space:]]*=[[:space:]]*\)false/\1true/' "$patched"
if ! grep -qF "$runsc_header" "$patched"; then
  cat >> "$patched" <<TOML

$runsc_header
  runtime_type = "io.containerd.runsc.v1"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc.options]
    TypeUrl = "io.containerd.runsc.v1.options"
    ConfigPath = "/etc/containerd/runsc.toml"
TOML
fi
mv "$patched" "$config"
