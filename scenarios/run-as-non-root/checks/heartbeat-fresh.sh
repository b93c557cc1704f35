# Verify: pod client gets a fresh heartbeat (written at most 20 s ago) from Service reports on port 8080.
body=$(kubectl -n analytics exec client -- wget -T 3 -q -O - http://reports.analytics:8080/heartbeat 2>&1)
stamp=$(sed -n 's/^reports heartbeat \([0-9][0-9]*\)$/\1/p' <<<"$body" | head -n 1)
if [ -z "$stamp" ]; then
  echo "pod client got no heartbeat from http://reports.analytics:8080/heartbeat: ${body:0:200}"
  exit 1
fi
age=$(($(date +%s) - stamp))
if [ "$age" -gt 20 ] || [ "$age" -lt -20 ]; then
  echo "the heartbeat served by Service reports is ${age} s old (expected at most 20 s): the app no longer writes /data"
  exit 1
fi
echo "Service reports serves a heartbeat written ${age} s ago"
