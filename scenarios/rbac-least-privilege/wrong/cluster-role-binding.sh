#!/bin/bash
# Mistake: the right rules, but in a ClusterRole bound with a ClusterRoleBinding, so they hold in every
# namespace (jane reads pods in kube-system; the deployer patches Deployments everywhere).
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: developer
rules:
  - apiGroups: ['']
    resources: ['pods']
    verbs: ['get', 'list', 'watch']
  - apiGroups: ['']
    resources: ['pods/log']
    verbs: ['get']
  - apiGroups: ['apps']
    resources: ['deployments']
    verbs: ['create']
YAML
kubectl create clusterrolebinding jane-developer --clusterrole=developer --user=jane \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n ci create serviceaccount deployer --dry-run=client -o yaml | kubectl apply -f -
kubectl create clusterrole deployment-patcher --verb=patch,update --resource=deployments.apps \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl create clusterrolebinding deployer --clusterrole=deployment-patcher --serviceaccount=ci:deployer \
  --dry-run=client -o yaml | kubectl apply -f -
