#!/bin/bash
# Deployment api runs as ServiceAccount api, has no credential in its environment, and mounts Secret
# api-credentials read-only as files with mode 0400.
# kubectl replace, not apply: the Deployment was not created by kubectl apply, so apply would keep the env entries
# that this spec leaves out.
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
            - name: LOG_LEVEL
              valueFrom:
                configMapKeyRef:
                  name: api-config
                  key: log-level
          volumeMounts:
            - name: credentials
              mountPath: /etc/api/credentials
              readOnly: true
          resources:
            limits: { cpu: 50m, memory: 32Mi }
      volumes:
        - name: credentials
          secret:
            secretName: api-credentials
            defaultMode: 0400
YAML
