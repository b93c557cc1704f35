#!/bin/bash
# Mistake: namespaced, but with verbs "*" instead of the listed verbs: jane may also delete pods and Deployments,
# and the deployer may create and delete Deployments.
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: developer
  namespace: dev-team
rules:
  - apiGroups: ['']
    resources: ['pods', 'pods/log']
    verbs: ['*']
  - apiGroups: ['apps']
    resources: ['deployments']
    verbs: ['*']
YAML
kubectl -n dev-team create rolebinding jane-developer --role=developer --user=jane \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n ci create serviceaccount deployer --dry-run=client -o yaml | kubectl apply -f -
kubectl -n dev-team create role deployment-patcher --verb='*' --resource=deployments.apps \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n dev-team create rolebinding deployer --role=deployment-patcher --serviceaccount=ci:deployer \
  --dry-run=client -o yaml | kubectl apply -f -
