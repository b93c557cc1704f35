# Gatekeeper is Ready once its certificate is mounted and the CA is in the webhook configuration; the API server
# reaches it a moment later (Service endpoints). Its webhook fails open, so prove it answers: a template whose name
# is not its kind in lowercase must be rejected by validation.gatekeeper.sh (server-side dry run, nothing stored).
deadline=$((SECONDS + 120))
while :; do
  out=$(kubectl --request-timeout=10s create --dry-run=server -f - 2>&1 <<'YAML' || true
apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: setupprobe
spec:
  crd:
    spec:
      names:
        kind: SetupProbeMismatch
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package setupprobe
        violation[{"msg": "never"}] { false }
YAML
  )
  if grep -q 'validation.gatekeeper.sh' <<<"$out"; then
    exit 0
  fi
  if ((SECONDS > deadline)); then
    echo "Gatekeeper's webhook still does not answer after 120 s: $(tr '\n' ' ' <<<"$out" | head -c 300)" >&2
    kubectl -n gatekeeper-system logs deploy/gatekeeper-controller-manager --tail=20 2>&1 | cut -c1-300 >&2 || true
    exit 1
  fi
  sleep 1
done
