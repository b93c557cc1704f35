# The learner's other way: the whole folder /root/api (with the new .dockerignore) becomes ConfigMap ci/api-src.
kubectl -n ci create configmap api-src --from-file=/root/api --dry-run=client -o yaml | kubectl replace -f -
kubectl -n ci get configmap api-src -o json | jq -r '.data[".dockerignore"] // ""' | grep -qx '[.]env'
