# Runs the real hadolint 2.15.1 (from the image cks-lab/hadolint, not the copy on the node's PATH) on the
# Dockerfile of ConfigMap ci/api-src: default failure threshold (info), no inline ignore pragmas, no config file,
# and the lab registry as the only trusted registry.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dockerfile >"$work/Dockerfile" || { cat "$work/Dockerfile"; exit 1; }
out=$(ctr -n k8s.io run --rm \
  --mount "type=bind,src=$work,dst=/lint,options=rbind:ro" \
  docker.io/cks-lab/hadolint:2.15.1 "cks-hadolint-check-$$-$RANDOM" \
  /usr/local/bin/hadolint --no-color --disable-ignore-pragma \
  --trusted-registry registry.registry.svc.cluster.local:5000 /lint/Dockerfile 2>&1 </dev/null)
rc=$?
out=$(sed 's|^/lint/||' <<<"$out" | head -n 4 | cut -c1-110 | paste -sd ';' - | sed 's/;/; /g' | head -c 360)
if ((rc == 1)) && [[ "$out" == Dockerfile:* ]]; then
  echo "hadolint: $out"
  exit 1
fi
if ((rc != 0)); then
  echo "could not run hadolint (exit $rc): $out"
  exit 1
fi
echo "hadolint 2.15.1 reports nothing for the Dockerfile in ConfigMap ci/api-src"
