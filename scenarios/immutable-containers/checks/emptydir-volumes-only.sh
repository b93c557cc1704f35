# Verify: the pod template of Deployment shop/web has no volumes other than emptyDir volumes and ConfigMap volumes
# (the given read-only "content"); a hostPath or persistent volume would be writable storage outside the pod.
if ! deployment=$(kubectl -n shop get deployment web -o json 2>&1); then
  echo "expected Deployment web in namespace shop: $deployment"
  exit 1
fi
others=$(jq -r '[.spec.template.spec.volumes[]? | select(.emptyDir == null and .configMap == null) | .name] | join(", ")' <<<"$deployment")
if [ -n "$others" ]; then
  echo "expected only emptyDir volumes (besides the content ConfigMap) in Deployment web's pod template; other volumes: $others"
  exit 1
fi
mounts=$(jq -r '[.spec.template.spec.volumes[]? | select(.emptyDir != null) | .name] | join(", ")' <<<"$deployment")
echo "Deployment web's pod template has no volumes besides emptyDir (${mounts:-none}) and ConfigMap volumes"
