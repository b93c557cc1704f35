# Mistake: drops ALL capabilities and adds nothing back. httpd runs as root but without CAP_NET_BIND_SERVICE it
# cannot bind port 80 ("bind: Permission denied"): the new pod crash-loops, the rollout never completes and the two
# old pods, with every default capability plus NET_ADMIN and SYS_ADMIN, keep serving.
kubectl -n gateway patch deployment edge --type json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext",
   "value": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}
]'
