# Mistake: spells the capability as the kernel and capsh do, CAP_NET_BIND_SERVICE. Kubernetes passes the name on,
# containerd prefixes it with CAP_ and runc ignores the unknown CAP_CAP_NET_BIND_SERVICE without an error, so the
# container runs with no capability at all: httpd cannot bind port 80, the new pod crash-loops and the old pods
# keep serving.
kubectl -n gateway patch deployment edge --type json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext",
   "value": {"allowPrivilegeEscalation": false,
             "capabilities": {"drop": ["ALL"], "add": ["CAP_NET_BIND_SERVICE"]}}}
]'
