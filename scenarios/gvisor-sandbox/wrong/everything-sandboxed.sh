# Sandboxes the trusted docs-api as well as the renderer.
kubectl apply -f - <<'YAML'
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: sandboxed
handler: runsc
YAML
for deployment in pdf-renderer docs-api; do
  kubectl -n docs patch deployment "$deployment" --type merge -p '{"spec":{"template":{"spec":{"runtimeClassName":"sandboxed"}}}}'
done
for deployment in pdf-renderer docs-api; do
  kubectl -n docs rollout status deployment "$deployment" --timeout=180s
done
