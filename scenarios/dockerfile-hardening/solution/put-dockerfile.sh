# What the learner does after editing /root/api/Dockerfile: put it into the build context ConfigMap ci/api-src.
jq -n --rawfile d /root/api/Dockerfile '{data: {Dockerfile: $d}}' >/tmp/api-dockerfile-patch.json
kubectl -n ci patch configmap api-src --type merge --patch-file /tmp/api-dockerfile-patch.json
rm -f /tmp/api-dockerfile-patch.json
