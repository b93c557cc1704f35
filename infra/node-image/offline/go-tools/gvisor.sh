#!/usr/bin/env bash
# Builds gVisor's runsc and its containerd shim (the `runsc` RuntimeClass handler inside each node).
# usage: gvisor.sh WORKDIR OUTDIR
source "$(dirname "$0")/lib.sh"

# GVISOR_VERSION is a pseudo-version of gVisor's `go` branch, the only one that is a plain Go module.
new_wrapper_module "$work/module" gvisor.dev/gvisor "$GVISOR_VERSION"
cd "$work/module"
say "building runsc and containerd-shim-runsc-v1 ($GVISOR_VERSION)"
go build "${go_build_flags[@]}" -ldflags "-s -w -X gvisor.dev/gvisor/runsc/version.version=$GVISOR_VERSION" \
  -o "$out/runsc" gvisor.dev/gvisor/runsc
# The shim lowers its own OOM score to -999, which needs CAP_SYS_RESOURCE; hosts whose bounding set lacks it (see
# infra/README.md) then fail every sandbox with "failed to set OOM Score on shim: permission denied". Like
# containerd's runc shim, the patched copy tolerates a refused write (one line, patched at build time in the cache).
src="$work/gvisor-src"
copy_module "$src" gvisor.dev/gvisor "$GVISOR_VERSION"
manager="$src/pkg/shim/v1/manager.go"
oom_call='if err := sys.SetOOMScore(cmd.Process.Pid, oomScoreMax); err != nil {'
if [ "$(grep -cF "$oom_call" "$manager")" != 1 ]; then
  echo "gvisor.sh: $manager no longer has the OOM score call this build patches; update the patch" >&2
  exit 1
fi
python3 - "$manager" "$oom_call" <<'PY'
import sys
path, call = sys.argv[1], sys.argv[2]
text = open(path).read()
open(path, "w").write(text.replace(call, call[:-2] + " && !os.IsPermission(err) {"))
PY
grep -qF '!os.IsPermission(err)' "$manager"
go mod edit -replace "gvisor.dev/gvisor=$src"
# Debian's containerd 1.6 reads a shim's bootstrap answer as a bare socket address; containerd 2's shim library
# prints JSON ({"version":2,"address":...}), which 1.6 cannot dial. The task API itself is v2 on both sides, so
# printing the address alone is all it takes.
containerd_version="$(go list -m -f '{{.Version}}' github.com/containerd/containerd/v2)"
containerd_src="$work/containerd-src"
copy_module "$containerd_src" github.com/containerd/containerd/v2 "$containerd_version"
python3 - "$containerd_src/pkg/shim/shim.go" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
call = "data, err := json.Marshal(&params)"
if text.count(call) != 1:
    sys.exit(f"gvisor.sh: {path} no longer has the bootstrap output this build patches; update the patch")
open(path, "w").write(text.replace(call, "data, err := []byte(params.Address), error(nil)\n\t\t_ = json.Marshal"))
PY
go mod edit -replace "github.com/containerd/containerd/v2=$containerd_src"
go build "${go_build_flags[@]}" -ldflags "-s -w" -o "$out/containerd-shim-runsc-v1" gvisor.dev/gvisor/shim
"$out/runsc" --version
"$out/containerd-shim-runsc-v1" -v
