# Verify: no network namespace on the node has a TCP socket listening on port 6666 (hex 1A0A, state 0A = LISTEN).
# /proc/<pid>/net/tcp and tcp6 list the sockets of that process's network namespace, so reading them for every
# process covers the node itself and every pod on it. Processes that exit while we read are skipped.
listeners=$(grep -lE '^ *[0-9]+: [0-9A-F]+:1A0A [0-9A-F]+:[0-9A-F]+ 0A ' /proc/[0-9]*/net/tcp /proc/[0-9]*/net/tcp6 2>/dev/null || true)
if [ -n "$listeners" ]; then
  echo "a socket still listens on TCP port 6666 in the network namespace of a pod (or of the node); find it with nsenter -t <pid> -n ss -ltnp"
  exit 1
fi
echo "nothing on the control-plane node or in its pods listens on TCP port 6666"
