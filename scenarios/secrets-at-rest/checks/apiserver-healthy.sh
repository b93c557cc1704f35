# The API server answers an authenticated /readyz (the admin kubeconfig's client certificate). Asked from the node, so
# an API server that does not come back is a clear "fail" with where to look, not a grader error. An API server that
# cannot decrypt a stored Secret serves requests but never gets ready: its readiness check informer-sync fails.
if out=$(kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=5s get --raw /readyz 2>&1); then
  echo "kube-apiserver is ready: /readyz says \"$out\""
  exit 0
fi
failing=$(grep -o '\[-\][A-Za-z0-9/_-]*' <<<"$out" | head -n 5 | tr '\n' ' ')
# the grader shows the last 400 characters of the message: keep it short
if [ -n "$failing" ]; then
  case "$failing" in
    *informer-sync*) why="informer-sync never passes while the API server cannot read objects it stores, such as Secrets it cannot decrypt." ;;
    *) why="See crictl logs of the kube-apiserver container." ;;
  esac
  echo "expected the kube-apiserver to be ready, but /readyz fails: ${failing% }. $why"
else
  echo "expected the kube-apiserver to answer /readyz, but it does not ($(echo "$out" | tail -n 1 | cut -c1-120))." \
    "See why: crictl ps -a --name kube-apiserver, then crictl logs <id>, or /var/log/pods/kube-system_kube-apiserver-*/."
fi
exit 1
