#!/bin/bash
# Mistake: the pre-1.24 way, a Secret of type kubernetes.io/service-account-token mounted at the path: a token
# that never expires and has no audience.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Secret
metadata:
  name: report-reader-token
  namespace: payments
  annotations:
    kubernetes.io/service-account.name: report-reader
type: kubernetes.io/service-account-token
YAML
# the token controller fills in the token shortly after the Secret is created
for _ in $(seq 30); do
  [ -n "$(kubectl -n payments get secret report-reader-token -o jsonpath='{.data.token}')" ] && break
  sleep 1
done
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: reporter
  namespace: payments
spec:
  serviceAccountName: report-reader
  terminationGracePeriodSeconds: 5
  containers:
    - name: reporter
      image: busybox:1.37
      imagePullPolicy: IfNotPresent
      command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 5 & wait; done']
      volumeMounts:
        - name: vault-token
          mountPath: /var/run/secrets/vault
          readOnly: true
  volumes:
    - name: vault-token
      secret:
        secretName: report-reader-token
YAML
