# Mistake: the pod is found and deleted, but its Deployment (through its ReplicaSet) starts a new one at once.
pod=$(kubectl -n shop get pod -l app=recommender -o jsonpath='{.items[0].metadata.name}')
echo "shop/$pod" >/root/shell-spawner.txt
kubectl -n shop delete pod "$pod" --wait=true
