# Mistake: the whole namespace of the compromised pod is deleted, taking the innocent report-builder Deployment
# and the analyst's adhoc-query pod with it.
pod=$(kubectl -n analytics get pod -l app=log-shipper -o jsonpath='{.items[0].metadata.name}')
echo "analytics/$pod" > /root/rogue.txt
kubectl delete namespace analytics --wait=false
