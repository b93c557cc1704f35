# The API server's own Pod Security evaluation of the pods that exist in billing now. A server-side dry run of a
# change to the namespace's enforce label makes Pod Security Admission check every existing pod against the new
# level and answer with a warning per violation; nothing is changed. It evaluates only when the enforce level or
# version differs from the current one, so it is asked twice, at "latest" and at the server's own version (the
# same rules on this cluster): whatever the learner pinned, at least one of the two is a change.
set -uo pipefail
kc() { kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=15s "$@"; }

if ! pods=$(kc -n billing get pods --field-selector='status.phase!=Succeeded,status.phase!=Failed' -o name 2>&1); then
  echo "could not list the pods in namespace billing: $(tail -n 1 <<<"$pods")"
  exit 1
fi
if ! minor=$(kc version -o json 2>/dev/null | jq -r '.serverVersion.minor' | tr -dc '0-9') || [ -z "$minor" ]; then
  echo "could not read the API server's version"
  exit 1
fi

violations=""
for version in latest "v1.$minor"; do
  if ! out=$(kc label namespace billing --dry-run=server --overwrite \
    pod-security.kubernetes.io/enforce=restricted "pod-security.kubernetes.io/enforce-version=$version" 2>&1); then
    echo "could not dry-run the restricted level on namespace billing: $(tail -n 1 <<<"$out")"
    exit 1
  fi
  if grep -q 'violate the new PodSecurity enforce level' <<<"$out"; then
    violations=$(grep '^Warning: ' <<<"$out" | grep -v 'violate the new PodSecurity enforce level' | sed 's/^Warning: //')
    break
  fi
done

if [ -n "$violations" ]; then
  echo "expected every pod in billing to pass the restricted level, found: $(head -n 5 <<<"$violations" | cut -c 1-600 | paste -sd ';' - | sed 's/;/; /g')"
  exit 1
fi
echo "Pod Security Admission finds no restricted violation among the $(grep -c . <<<"$pods") pods in billing"
