# Deployment shop/api: every container runs with runAsNonRoot (its own or the pod's), a read-only root filesystem,
# and the api container gets DB_PASSWORD from key password of Secret api-db.
kc=(kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s -n shop)
if ! d=$("${kc[@]}" get deployment api -o json 2>&1); then
  echo "could not read Deployment shop/api: $(short "$(tail -n 1 <<<"$d")")"
  exit 1
fi
problems=$(jq -r '
  .spec.template.spec as $spec
  | ($spec.containers // [])[]
  | .name as $c
  | ((.securityContext.runAsNonRoot | if . == null then $spec.securityContext.runAsNonRoot else . end) != true | select(.) | "container \($c) does not set runAsNonRoot: true (nor does the pod)"),
    (.securityContext.readOnlyRootFilesystem != true | select(.) | "container \($c) does not set readOnlyRootFilesystem: true")
  ' <<<"$d" 2>&1 | head -n 4 | head -c 300)
if [[ -n "$problems" ]]; then
  echo "Deployment shop/api: $(paste -sd ';' - <<<"$problems" | sed 's/;/; /g')"
  exit 1
fi
if ! jq -e '.spec.template.spec.containers[]? | select(.name == "api") | .env[]?
  | select(.name == "DB_PASSWORD" and .valueFrom.secretKeyRef.name == "api-db" and .valueFrom.secretKeyRef.key == "password")' \
  <<<"$d" >/dev/null 2>&1; then
  echo "container api of Deployment shop/api does not get DB_PASSWORD from Secret api-db, key password (env valueFrom.secretKeyRef)"
  exit 1
fi
echo "Deployment shop/api runs non-root with a read-only root filesystem and takes DB_PASSWORD from Secret api-db"
