#!/usr/bin/env bash
# Mistake: kills the process that listens on 2121. Its unit has Restart=always: systemd starts it again a second
# later. Waits (bounded) until the new listener answers, as it would by the time anyone looks again.
set -euo pipefail
pid=$(ss -Hltnp 'sport = :2121' | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
kill "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
deadline=$((SECONDS + 60))
until timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/2121' 2>/dev/null; do
  ((SECONDS < deadline)) || { echo "the listener did not come back within 60 s" >&2; exit 1; }
  sleep 0.5
done
