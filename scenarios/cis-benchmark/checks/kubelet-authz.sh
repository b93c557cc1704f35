# Verify: the control-plane kubelet asks the API server whether a caller may do what it asks (authorization
# mode Webhook), so an authenticated service account without RBAC rights on nodes/proxy is refused.
token=$(kubectl --kubeconfig /etc/kubernetes/admin.conf -n default create token default --duration 10m 2>&1) || {
  echo "could not get a token for service account default/default to ask the kubelet with: $(tail -n 1 <<<"$token")"
  exit 1
}
code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $token" \
  https://127.0.0.1:10250/pods) || true
case "$code" in
  403) echo "the kubelet refuses GET /pods to service account default/default (403 Forbidden): it authorizes through the API server" ;;
  200)
    echo "expected the kubelet to refuse GET /pods to service account default/default, but it answered 200:" \
      "it still authorizes every request (authorization.mode AlwaysAllow in the config it runs with)"
    exit 1 ;;
  *)
    echo "expected the kubelet on port 10250 to answer GET /pods for service account default/default with 403," \
      "got ${code:-no answer}; is the kubelet running (systemctl status kubelet, journalctl -u kubelet)?"
    exit 1 ;;
esac
