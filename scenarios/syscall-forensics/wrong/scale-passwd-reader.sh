# Mistake: the learner greps the traces for "passwd|shadow" (or decodes the scripts and stops at the first one
# that reads a credentials file), blames session-store, which reads /etc/passwd and /etc/group (ordinary for any
# program that resolves user names), and scales the innocent Deployment to zero. metrics-agent keeps reading
# /etc/shadow.
pod=$(kubectl -n shop get pod -l app=session-store -o jsonpath='{.items[0].metadata.name}')
echo "shop/$pod" > /root/shadow-reader.txt
kubectl -n shop scale deployment session-store --replicas=0
kubectl -n shop wait --for=delete pod "$pod" --timeout=60s
