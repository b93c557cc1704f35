#!/usr/bin/env bash
# Responds to what /root/incident.txt names: removes every binding of the ServiceAccount (and nothing that others
# rely on), rotates each Secret it read (every key gets a new random value) and deletes the pod it exec'd into.
set -euo pipefail
report=/root/incident.txt
field() { sed -n -E "s/^$1:[[:space:]]*//p" "$report"; }
sa=$(field serviceaccount)
sa_ns=${sa%/*} sa_name=${sa#*/}

echo "== bindings that name ServiceAccount $sa"
bindings=$(kubectl get clusterrolebindings,rolebindings -A -o json | jq -r --arg ns "$sa_ns" --arg name "$sa_name" '
  .items[] | select(any(.subjects[]?; .kind == "ServiceAccount" and .name == $name and .namespace == $ns))
  | if .metadata.namespace then "rolebinding \(.metadata.name) --namespace \(.metadata.namespace)"
    else "clusterrolebinding \(.metadata.name)" end')
echo "$bindings"
# delete the bindings, not the (Cluster)Roles they point to: others may be bound to them too
while read -r -a binding; do
  [ "${#binding[@]}" -eq 0 ] || kubectl delete "${binding[@]}"
done <<<"$bindings"

kubectl auth can-i get secrets --all-namespaces --as "system:serviceaccount:$sa_ns:$sa_name" || true
kubectl auth can-i create pods --subresource exec --all-namespaces --as "system:serviceaccount:$sa_ns:$sa_name" || true

for secret in $(field secrets | tr ',' ' '); do
  ns=${secret%/*} name=${secret#*/}
  echo "== rotating Secret $secret: a new random value for each of its keys"
  for key in $(kubectl get secret "$name" --namespace "$ns" -o json | jq -r '.data | keys[]'); do
    value=$(head -c 24 /dev/urandom | base64)
    kubectl patch secret "$name" --namespace "$ns" --type merge \
      -p "$(jq -cn --arg k "$key" --arg v "$value" '{stringData: {($k): $v}}')"
  done
done

pod=$(field pod)
echo "== deleting pod $pod"
kubectl delete pod "${pod#*/}" --namespace "${pod%/*}" --wait=false
