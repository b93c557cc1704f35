#!/bin/bash
# Verify, with jane's own credentials: reading the secrets of dev-team is Forbidden for user jane (an
# authentication error or a broken kubeconfig proves nothing and does not pass).
set -uo pipefail
kc=/root/jane/jane.kubeconfig
[ -s "$kc" ] || { echo "expected a kubeconfig at $kc, found none"; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
timeout 20 kubectl --kubeconfig "$kc" --request-timeout=10s -n dev-team get secrets -o name >"$out" 2>&1
rc=$?
said=$(head -c 400 "$out")
if [ "$rc" -eq 0 ]; then
  echo "expected jane to be forbidden to list the secrets in dev-team, but kubectl --kubeconfig $kc -n dev-team get secrets succeeded: $said"
  exit 1
fi
if ! grep -q 'Forbidden.*User "jane" cannot list resource "secrets"' "$out"; then
  echo "expected the API server to answer Forbidden for user \"jane\"; kubectl --kubeconfig $kc -n dev-team get secrets failed otherwise (exit $rc): $said"
  exit 1
fi
echo "the API server forbids jane to list secrets in dev-team"
