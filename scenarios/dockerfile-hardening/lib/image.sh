# Included (after lib/registry.sh) by the checks that read the pushed image shop/api:2.0 and by those that read
# the build context ConfigMap ci/api-src. Everything read is learner-controlled: every read is bounded.

PASSWORD=lab-Pa55-7Qx2-shop
KEY_MARK=CKS-LAB-FAKE-DEPLOY-KEY-3f9a1c7e
LAB_BASE=registry.registry.svc.cluster.local:5000/library/busybox

# fetch_image: downloads the manifest, config and layers of shop/api:2.0 into $work (manifest.json, config.json,
# layer-0, layer-1, … oldest first); exits with a message when the image cannot be read.
fetch_image() {
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if ! manifest shop/api 2.0 >"$work/manifest.json"; then
    echo "the registry has no image manifest for shop/api:2.0: build and push it"
    exit 1
  fi
  local config digest n=0
  config=$(jq -r '.config.digest // empty' "$work/manifest.json" 2>/dev/null | head -c 80)
  if ! blob shop/api "$config" "$work/config.json"; then
    echo "could not read the config $(short "$config") of shop/api:2.0 from the registry"
    exit 1
  fi
  for digest in $(jq -r '.layers[]?.digest' "$work/manifest.json" 2>/dev/null | head -n 60); do
    if ! blob shop/api "$digest" "$work/layer-$n"; then
      echo "could not read layer $(short "$digest") of shop/api:2.0 from the registry"
      exit 1
    fi
    n=$((n + 1))
  done
  layers=$n
}

# layer_names N: the paths in layer N, at most 20000.
layer_names() {
  tar -tf "$work/layer-$1" 2>/dev/null | head -n 20000
}

# layer_files N: the paths in layer N (tar -tv lines: mode, owner, size, date, time, path), at most 20000.
layer_files() {
  tar -tvf "$work/layer-$1" 2>/dev/null | head -n 20000
}

# dockerfile: prints the Dockerfile of ConfigMap ci/api-src (at most 64 KiB); exits with a message when there is none.
dockerfile() {
  local out
  if ! out=$(kubectl --kubeconfig /etc/kubernetes/admin.conf --request-timeout=10s -n ci get configmap api-src -o json 2>&1); then
    echo "could not read ConfigMap ci/api-src: $(short "$(tail -n 1 <<<"$out")")"
    exit 1
  fi
  if ! jq -e '.data.Dockerfile | type == "string"' <<<"$out" >/dev/null 2>&1; then
    echo "ConfigMap ci/api-src has no key Dockerfile"
    exit 1
  fi
  jq -j '.data.Dockerfile' <<<"$out" | head -c 65536
}
