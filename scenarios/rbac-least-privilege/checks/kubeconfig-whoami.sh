#!/bin/bash
# Verify: the current context of /root/jane/jane.kubeconfig authenticates to the API server as user jane, group dev.
set -uo pipefail
kc=/root/jane/jane.kubeconfig
[ -s "$kc" ] || { echo "expected a kubeconfig at $kc, found none"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
timeout 20 kubectl --kubeconfig "$kc" --request-timeout=10s auth whoami -o json >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "kubectl --kubeconfig $kc auth whoami failed (exit $rc): $(head -c 400 "$out")"
  exit 1
fi
user=$(head -c 20000 "$out" | jq -r '.status.userInfo.username // ""' 2>/dev/null)
groups=$(head -c 20000 "$out" | jq -r '[.status.userInfo.groups[]? | select(. != "system:authenticated")] | join(",")' 2>/dev/null)
if [ "$user" != jane ] || [ "$groups" != dev ]; then
  echo "expected $kc to authenticate as user jane in group dev; the API server sees user \"${user}\" in groups \"${groups}\""
  exit 1
fi
echo "$kc authenticates as user jane, group dev"
