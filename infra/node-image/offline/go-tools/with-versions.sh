# Sourced by the go-tools/<tool>-upgrade.sh scripts: one tool script, built at other pinned versions.
# run_with_versions SCRIPT WORKDIR OUTDIR KEY=VALUE...: runs go-tools/SCRIPT (with lib.sh beside it) against a copy of
# versions.env in which each KEY is VALUE, so the upgrade scenario's release is built by the very recipe of the node's.
run_with_versions() {
  local script="$1" work="$2" out="$3"
  shift 3
  local from stage
  from="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  stage="$work/versions-stage"
  rm -rf "$stage"
  mkdir -p "$stage/go-tools"
  cp "$from/$script" "$from/lib.sh" "$stage/go-tools/"
  cp "$from/../versions.env" "$stage/versions.env"
  local pair key value
  for pair in "$@"; do
    key="${pair%%=*}"
    value="${pair#*=}"
    if ! grep -q "^$key=" "$stage/versions.env"; then
      echo "versions.env has no $key to override" >&2
      return 1
    fi
    awk -v key="$key" -v value="$value" \
      'index($0, key "=") == 1 { print key "=\"" value "\""; next } { print }' \
      "$stage/versions.env" > "$stage/versions.env.new"
    mv "$stage/versions.env.new" "$stage/versions.env"
  done
  bash "$stage/go-tools/$script" "$work/build" "$out"
}
