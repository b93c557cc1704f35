#!/bin/bash
# Mistake: the credentials come from Secret api-credentials, but as environment variables (secretKeyRef), not as
# files: anything that can read the process's environment (/proc/1/environ, crash dumps, child processes) sees them.
set -euo pipefail
kubectl replace -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: orders
  labels:
    app: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      serviceAccountName: api
      terminationGracePeriodSeconds: 2
      containers:
        - name: api
          image: busybox:1.37
          imagePullPolicy: IfNotPresent
          command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 5; done']
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: api-credentials
                  key: db-password
            - name: API_TOKEN
              valueFrom:
                secretKeyRef:
                  name: api-credentials
                  key: api-token
            - name: LOG_LEVEL
              valueFrom:
                configMapKeyRef:
                  name: api-config
                  key: log-level
          resources:
            limits: { cpu: 50m, memory: 32Mi }
YAML
