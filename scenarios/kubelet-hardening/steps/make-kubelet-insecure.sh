# Sets the control-plane kubelet up the way an old, hand-made node was: anonymous requests accepted, every request
# authorised (AlwaysAllow) and the unauthenticated read-only port 10255 open. Then restarts the kubelet and waits
# (with deadlines) until it serves the insecure configuration.
config=/var/lib/kubelet/config.yaml

# authentication.anonymous.enabled: false -> true (only inside the anonymous block)
sed -i '/^  anonymous:$/,/^    enabled:/ s/^    enabled: false$/    enabled: true/' "$config"
# authorization.mode: Webhook -> AlwaysAllow (only inside the authorization block)
sed -i '/^authorization:$/,/^[^ ]/ s/^  mode: Webhook$/  mode: AlwaysAllow/' "$config"
# readOnlyPort: set it, or add it when kubeadm left it out (its default is 0, i.e. off)
if grep -q '^readOnlyPort:' "$config"; then
  sed -i 's/^readOnlyPort:.*/readOnlyPort: 10255/' "$config"
else
  echo 'readOnlyPort: 10255' >>"$config"
fi
grep -A1 '^  anonymous:$' "$config" | grep -q '^    enabled: true$'
grep -A1 '^authorization:$' "$config" | grep -q '^  mode: AlwaysAllow$'

systemctl restart kubelet

deadline=$((SECONDS + 120))
until [ "$(curl -sk -m 3 -o /dev/null -w '%{http_code}' https://127.0.0.1:10250/pods || true)" = 200 ] &&
  curl -s -m 3 -o /dev/null http://127.0.0.1:10255/healthz; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "the kubelet does not serve the insecure configuration 120s after its restart" >&2
    systemctl status kubelet --no-pager -l | tail -20 >&2
    exit 1
  fi
  sleep 2
done
echo "kubelet restarted: anonymous /pods answers 200 on 10250, read-only port 10255 is open"
