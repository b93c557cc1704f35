#!/bin/bash
# Namespaced RBAC only: a Role and a RoleBinding in dev-team for jane, and one for the deployer ServiceAccount
# from namespace ci (a RoleBinding can name a ServiceAccount of another namespace).
set -euo pipefail

kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: developer
  namespace: dev-team
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
kubectl -n dev-team create rolebinding jane-developer --role=developer --user=jane \
  --dry-run=client -o yaml | kubectl apply -f -

kubectl -n ci create serviceaccount deployer --dry-run=client -o yaml | kubectl apply -f -
kubectl -n dev-team create role deployment-patcher --verb=patch,update --resource=deployments.apps \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n dev-team create rolebinding deployer --role=deployment-patcher --serviceaccount=ci:deployer \
  --dry-run=client -o yaml | kubectl apply -f -

# what jane and the ServiceAccount may do now
kubectl auth can-i --list -n dev-team --as=jane --as-group=dev
kubectl auth can-i patch deployments -n dev-team --as=system:serviceaccount:ci:deployer
