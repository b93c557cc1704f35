# Mistake: the right pod is found and deleted, but its Deployment (through its ReplicaSet) starts a new one at
# once, and the new pod reads /etc/shadow again.
pod=$(kubectl -n backoffice get pod -l app=metrics-agent -o jsonpath='{.items[0].metadata.name}')
echo "backoffice/$pod" > /root/shadow-reader.txt
kubectl -n backoffice delete pod "$pod" --wait=true
