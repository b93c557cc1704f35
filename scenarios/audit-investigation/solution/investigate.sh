#!/usr/bin/env bash
# Reads the audit log with jq, as a responder would, and writes /root/incident.txt from what it finds.
set -euo pipefail
log=/var/log/kubernetes/audit/audit.log

echo "== exec into pods (who, which pod, answer)"
jq -r 'select(.objectRef.subresource == "exec")
  | [.requestReceivedTimestamp, .user.username, .objectRef.namespace + "/" + .objectRef.name, .responseStatus.code]
  | @tsv' "$log" | sort -u

echo "== ServiceAccounts and Secrets (count, who, verb, namespace/name, answer)"
jq -r 'select(.objectRef.resource == "secrets" and (.user.username | startswith("system:serviceaccount:")))
  | [.user.username, .verb, .objectRef.namespace + "/" + (.objectRef.name // "*"), .responseStatus.code]
  | @tsv' "$log" | sort | uniq -c

# The intruder: the ServiceAccount that exec'd into a pod (the app that reads its own Secret never did).
user=$(jq -r 'select(.objectRef.subresource == "exec" and (.user.username | startswith("system:serviceaccount:")))
  | .user.username' "$log" | sort -u)
[ -n "$user" ] && [ "$(wc -l <<<"$user")" -eq 1 ] || { echo "expected one ServiceAccount to exec, found: $user" >&2; exit 1; }

echo "== everything $user did"
jq -r --arg u "$user" 'select(.user.username == $u and .stage == "ResponseComplete")
  | [.requestReceivedTimestamp, .verb, .requestURI, .responseStatus.code] | @tsv' "$log"

# system:serviceaccount:<namespace>:<name> -> <namespace>/<name>
sa=${user#system:serviceaccount:}
sa=${sa/://}
# Secrets it fetched by name: successful gets
secrets=$(jq -r --arg u "$user" 'select(.user.username == $u and .objectRef.resource == "secrets"
  and .verb == "get" and .responseStatus.code == 200) | .objectRef.namespace + "/" + .objectRef.name' "$log" |
  sort -u | paste -sd, - | sed 's/,/, /g')
pod=$(jq -r --arg u "$user" 'select(.user.username == $u and .objectRef.subresource == "exec")
  | .objectRef.namespace + "/" + .objectRef.name' "$log" | sort -u)

printf 'serviceaccount: %s\nsecrets: %s\npod: %s\n' "$sa" "$secrets" "$pod" > /root/incident.txt
echo "== /root/incident.txt"
cat /root/incident.txt
