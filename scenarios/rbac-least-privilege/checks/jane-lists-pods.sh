#!/bin/bash
# Verify, with jane's own credentials: listing the pods of dev-team works.
set -uo pipefail
kc=/root/jane/jane.kubeconfig
[ -s "$kc" ] || { echo "expected a kubeconfig at $kc, found none"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
timeout 20 kubectl --kubeconfig "$kc" --request-timeout=10s -n dev-team get pods -o name >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "expected jane to list the pods in dev-team, but kubectl --kubeconfig $kc -n dev-team get pods failed (exit $rc): $(head -c 400 "$out")"
  exit 1
fi
if ! grep -q '^pod/web-' "$out"; then
  echo "expected jane's list of pods in dev-team to include the web pod, found: $(head -c 400 "$out")"
  exit 1
fi
echo "jane lists the pods in dev-team: $(grep -c '^pod/' "$out") pod(s)"
