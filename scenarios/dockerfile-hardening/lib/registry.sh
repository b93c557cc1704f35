# Included by the checks that read the lab registry's HTTP API from the node (scenario.yaml `include`). Everything
# the registry returns was pushed by the learner: every read is bounded.

REGISTRY=http://localhost:5000
MANIFEST_TYPES=(
  -H 'Accept: application/vnd.oci.image.manifest.v1+json'
  -H 'Accept: application/vnd.docker.distribution.manifest.v2+json'
)

# manifest REPO TAG: the image manifest the tag points to (OCI or Docker schema 2); fails when there is none.
manifest() {
  curl -fsS --max-time 5 --max-filesize 65536 "${MANIFEST_TYPES[@]}" "$REGISTRY/v2/$1/manifests/$2" 2>/dev/null
}

# manifest_digest REPO TAG: the digest of that manifest (the registry's Docker-Content-Digest header).
manifest_digest() {
  curl -fsS --max-time 5 -o /dev/null -D - "${MANIFEST_TYPES[@]}" "$REGISTRY/v2/$1/manifests/$2" 2>/dev/null |
    tr -d '\r' | awk 'tolower($1) == "docker-content-digest:" { print $2 }' | head -n 1
}

# blob REPO DIGEST FILE: downloads a blob (at most 64 MiB) to FILE.
blob() {
  [[ "$2" =~ ^sha256:[0-9a-f]{64}$ ]] || return 1
  curl -fsS --max-time 30 --max-filesize 67108864 -o "$3" "$REGISTRY/v2/$1/blobs/$2" 2>/dev/null
}

# short TEXT: TEXT on one line, cut to 120 characters, for check messages.
short() {
  tr -s '\n\t' '  ' <<<"$1" | head -c 120
}
