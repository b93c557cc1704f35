# Sourced by every go-tools/<tool>.sh: pinned versions, the build environment and small helpers.
# A tool script is called as `<tool>.sh WORKDIR OUTDIR`; it may reuse WORKDIR and must leave its results in OUTDIR.
set -euo pipefail
go_tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$go_tools_dir/../versions.env"

if [ "$#" -ne 2 ]; then
  echo "usage: $(basename "$0") WORKDIR OUTDIR" >&2
  exit 2
fi
work="$1"; out="$2"
mkdir -p "$work" "$out"

# Static binaries; sum.golang.org is unreachable from our machines, so checksums come from go.sum files only.
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOSUMDB="${GOSUMDB_OVERRIDE:-off}" GOTOOLCHAIN=local
# Two cores on our machines: more parallel compiles only thrash.
go_build_flags=(-trimpath -p "${GO_BUILD_JOBS:-2}")

# module_dir MODULE@VERSION: downloads the module (zip + go.mod) and prints its directory in GOMODCACHE.
module_dir() {
  local dir
  dir="$(go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "the Go module proxy did not serve $1 (check GOPROXY and the version in versions.env)" >&2
    return 1
  fi
  echo "$dir"
}

# new_wrapper_module DIR MODULE VERSION: a fresh main module in DIR requiring MODULE@VERSION. It takes MODULE's own
# go line so GODEBUG defaults match an upstream build. Only for modules without replace lines (a dependency's
# replaces are ignored); copy the module directory instead for those.
new_wrapper_module() {
  local dir="$1" mod="$2" ver="$3" src go_line
  src="$(module_dir "$mod@$ver")"
  go_line="$(awk '$1 == "go" { print $2; exit }' "$src/go.mod")"
  rm -rf "$dir"
  mkdir -p "$dir"
  (cd "$dir" && go mod init "cks-lab.local/$(basename "$0" .sh)-build" \
    && go mod edit -go="$go_line" -require="$mod@$ver")
}

# copy_module DIR MODULE VERSION: a writable copy of MODULE's directory, built as the main module so its own go.sum
# and replace lines apply.
copy_module() {
  local dir="$1" mod="$2" ver="$3" src
  src="$(module_dir "$mod@$ver")"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  cp -r "$src" "$dir"
  chmod -R u+w "$dir"
}

# say MESSAGE: one status line on stdout (the TypeScript runner shows these; go's chatter goes to stderr).
say() { echo "$*"; }
