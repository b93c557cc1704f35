# Mistake: the pod is found and deleted, but its Deployment (through its ReplicaSet) starts a new one at once.
pod=$(kubectl -n analytics get pod -l app=log-shipper -o jsonpath='{.items[0].metadata.name}')
echo "analytics/$pod" > /root/rogue.txt
kubectl -n analytics delete pod "$pod" --wait=true
# the replacement pod listens on 6666 again within seconds
for _ in $(seq 60); do
  if grep -qsE '^ *[0-9]+: [0-9A-F]+:1A0A [0-9A-F]+:[0-9A-F]+ 0A ' /proc/[0-9]*/net/tcp6 /proc/[0-9]*/net/tcp; then
    kubectl -n analytics get pods -l app=log-shipper
    exit 0
  fi
  sleep 2
done
echo "the listener on 6666 did not come back" >&2
exit 1
