# Pins the Deployment to the digest the registry holds for shop/api:2.0, with runAsNonRoot at pod level.
digest=$(curl -fsS -o /dev/null -D - -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
  http://localhost:5000/v2/shop/api/manifests/2.0 | tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" { print $2 }')
[[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "no digest for shop/api:2.0: $digest" >&2; exit 1; }
kubectl apply -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: localhost:5000/shop/api@$digest
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: api-db, key: password}
          readinessProbe:
            tcpSocket: {port: 8080}
          securityContext:
            readOnlyRootFilesystem: true
YAML
