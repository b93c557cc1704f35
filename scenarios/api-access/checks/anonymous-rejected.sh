# Requests without credentials (no client certificate, no token), as anyone who reaches the node's port 6443 sends
# them, must be rejected as unauthenticated: 401. A 403 means the API server accepted them as system:anonymous and
# only RBAC said no; a 200 for /version means anonymous requests are served.
ip=$(hostname -i | awk '{print $1}')
for path in /api /version; do
  code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "https://${ip}:6443${path}") || true
  case "$code" in
    401) ;;
    000)
      echo "expected an anonymous GET https://${ip}:6443${path} to get 401, but the API server does not answer." \
        "See why: crictl ps -a --name kube-apiserver, then crictl logs <id>."
      exit 1 ;;
    *)
      echo "expected an anonymous GET https://${ip}:6443${path} to get 401 Unauthorized, got ${code}:" \
        "the API server still authenticates requests without credentials as system:anonymous."
      exit 1 ;;
  esac
done
echo "anonymous GET /api and /version on https://${ip}:6443 both get 401 Unauthorized"
