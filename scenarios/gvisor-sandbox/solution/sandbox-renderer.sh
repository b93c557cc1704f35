# A RuntimeClass for the runsc handler the node's containerd already has, then the renderer's pod template on it.
kubectl apply -f - <<'YAML'
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: sandboxed
handler: runsc
YAML
kubectl -n docs patch deployment pdf-renderer --type merge -p '{"spec":{"template":{"spec":{"runtimeClassName":"sandboxed"}}}}'
kubectl -n docs rollout status deployment pdf-renderer --timeout=180s
# gVisor answers dmesg with its own kernel's log
kubectl -n docs exec deploy/pdf-renderer -- dmesg
