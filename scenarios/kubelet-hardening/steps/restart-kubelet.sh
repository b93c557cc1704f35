# Restart the kubelet so it reads its config file again, and wait (with a deadline) until the new process serves:
# healthz ok, anonymous requests to 10250 refused with 401, nothing listening on the read-only port 10255.
systemctl restart kubelet

deadline=$((SECONDS + 120))
while :; do
  healthz=$(curl -s -m 3 http://127.0.0.1:10248/healthz || true)
  anonymous=$(curl -sk -m 3 -o /dev/null -w '%{http_code}' https://127.0.0.1:10250/pods || true)
  readonly_rc=0
  curl -s -m 3 -o /dev/null http://127.0.0.1:10255/healthz || readonly_rc=$?
  if [ "$healthz" = ok ] && [ "$anonymous" = 401 ] && [ "$readonly_rc" -eq 7 ]; then
    echo "kubelet restarted: healthz ok, anonymous /pods answers 401, port 10255 is closed"
    exit 0
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "120s after the restart: healthz '$healthz', anonymous /pods HTTP $anonymous, port 10255 curl exit $readonly_rc" >&2
    systemctl status kubelet --no-pager -l | tail -20 >&2
    exit 1
  fi
  sleep 2
done
