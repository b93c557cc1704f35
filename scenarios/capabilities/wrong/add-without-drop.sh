# Mistake: replaces the added capabilities with NET_BIND_SERVICE but drops nothing. The rollout completes and the
# page is served, but the container still has the runtime's whole default set (CapEff 00000000a80425fb:
# CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_RAW, ... which already contains NET_BIND_SERVICE).
kubectl -n gateway patch deployment edge --type json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext",
   "value": {"allowPrivilegeEscalation": false, "capabilities": {"add": ["NET_BIND_SERVICE"]}}}
]'
kubectl -n gateway rollout status deployment edge --timeout=120s
