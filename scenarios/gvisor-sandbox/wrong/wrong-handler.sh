# Names the handler after the project instead of the containerd runtime: no runtime "gvisor" exists on the node,
# so the new pod never starts and the old one keeps running on runc.
kubectl apply -f - <<'YAML'
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: sandboxed
handler: gvisor
YAML
kubectl -n docs patch deployment pdf-renderer --type merge -p '{"spec":{"template":{"spec":{"runtimeClassName":"sandboxed"}}}}'
