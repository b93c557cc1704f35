# Verify the learner's detection program by running it: while it traces, the grader starts a shell and then a
# non-shell program in pod ops/probe. The program passes when a line with SHELL and the probe container's ID
# appeared for the shell, and no new such line for the other program.
set -u
program=/opt/detection/shell.bt
kubectl="kubectl --kubeconfig /etc/kubernetes/admin.conf"
if [ ! -s "$program" ]; then
  echo "$program does not exist yet"
  exit 1
fi
id=$(crictl ps --label io.kubernetes.pod.namespace=ops --label io.kubernetes.pod.name=probe --state running -q 2>/dev/null | head -1)
if ! [[ "$id" =~ ^[0-9a-f]{64}$ ]]; then
  echo "pod ops/probe is not running: the grader needs it to test your program; do not delete it"
  exit 1
fi
out=$(mktemp)
trap 'kill "$tracer" 2>/dev/null; rm -f "$out"' EXIT
timeout 140 bpftrace -B none "$program" >"$out" 2>&1 &
tracer=$!
hits() { grep -F "$id" "$out" | grep -c SHELL; }

# positive: start shells in the probe until one is reported (the program needs a moment to attach)
deadline=$((SECONDS + 30))
until [ "$(hits)" -gt 0 ]; do
  if ! kill -0 "$tracer" 2>/dev/null; then
    echo "bpftrace $program stopped: $(grep -m3 -E 'ERROR|error' "$out" | tr '\n' ' ')"
    exit 1
  fi
  if ((SECONDS > deadline)); then
    echo "a shell (/bin/sh) started in container $id (pod ops/probe) and $program printed no line with SHELL and that container ID"
    exit 1
  fi
  $kubectl exec -n ops probe -- /bin/sh -c true >/dev/null 2>&1
  sleep 1
done

# Output arrives late on a busy node: the loop above may have started several shells before the first line came.
# Counting starts only once no new line has come for 3 s in a row (at most 20 s).
settle() {
  local last=-1 quiet=0 deadline=$((SECONDS + 20))
  while ((quiet < 6 && SECONDS < deadline)); do
    now=$(hits)
    if [ "$now" -eq "$last" ]; then quiet=$((quiet + 1)); else quiet=0 last=$now; fi
    sleep 0.5
  done
}
settle

# A marker shell after the other programs proves the program has caught up: wait for it and for the output to
# settle, then count. First learn how many lines one shell gives (a program may report a shell at more than one
# probe).
run_and_count() {
  local from=$1 deadline=$((SECONDS + 20))
  shift
  "$@"
  $kubectl exec -n ops probe -- /bin/sh -c true >/dev/null 2>&1
  until [ "$(hits)" -gt "$from" ]; do
    if ((SECONDS > deadline)); then
      echo "$program stopped reporting shells started in container $id"
      exit 1
    fi
    sleep 0.5
  done
  settle
  echo $(($(hits) - from))
}
not_a_shell() { for _ in 1 2 3; do $kubectl exec -n ops probe -- /bin/ls / >/dev/null 2>&1; done; }
per_shell=$(run_and_count "$(hits)" true) || { echo "$per_shell"; exit 1; }
with_ls=$(run_and_count "$(hits)" not_a_shell) || { echo "$with_ls"; exit 1; }
if [ "$with_ls" -gt "$per_shell" ]; then
  echo "$program reported /bin/ls in container $id as a SHELL: report only /bin/sh and /bin/bash"
  exit 1
fi
echo "$program reports shells started in containers, with the container ID, and nothing else as a shell"
