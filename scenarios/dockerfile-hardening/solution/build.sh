# Runs the build Job from /root/build-api.yaml again and waits for it (a failed build fails at once, with its log).
kubectl -n ci delete job build-api --ignore-not-found --wait=true
kubectl apply -f /root/build-api.yaml
finished() {
  local s
  s=$(kubectl -n ci get job build-api -o jsonpath='{.status.succeeded}/{.status.failed}')
  if [[ "$s" == */[1-9]* ]]; then
    kubectl -n ci logs job/build-api --tail=20 >&2 || true
    echo "the build Job failed" >&2
    exit 1
  fi
  [[ "$s" == [1-9]*/* ]]
}
within 300 'the build Job did not finish within 300 s' finished
echo "built and pushed shop/api:2.0"
