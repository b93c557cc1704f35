# A correct variant: changes the live Deployment with a strategic-merge patch instead of the manifest file, and
# writes the capability names in lower case, which the runtime accepts (it upper-cases them and adds CAP_).
# capabilities.add and .drop are plain lists, so the patch replaces the old add list (NET_ADMIN, SYS_ADMIN) whole.
kubectl -n gateway patch deployment edge --type strategic -p '
spec:
  template:
    spec:
      containers:
        - name: edge
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["all"]
              add: ["net_bind_service"]
'
kubectl -n gateway rollout status deployment edge --timeout=120s
kubectl -n gateway get deployment edge -o jsonpath='{.spec.template.spec.containers[0].securityContext}{"\n"}'
