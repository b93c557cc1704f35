# Proves the RuntimeClass works with a test pod, but never moves the Deployment onto it.
kubectl apply -f - <<'YAML'
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: sandboxed
handler: runsc
YAML
kubectl -n docs run sandbox-test --image=busybox:1.37 \
  --overrides='{"spec":{"runtimeClassName":"sandboxed"}}' -- sleep 3600
kubectl -n docs wait pod/sandbox-test --for=condition=Ready --timeout=180s
