#!/usr/bin/env bash
# Verify: nothing on the control-plane node listens on TCP port 2121. A real connection to every address of the node
# (loopback and its own addresses) must fail, and no socket of the node's network namespace may be in LISTEN on
# port 2121 (hex 0849, state 0A) in /proc/self/net/tcp or tcp6.
addresses="127.0.0.1 $(hostname -I 2>/dev/null || true)"
for address in $addresses; do
  if timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/2121"' _ "$address" 2>/dev/null; then
    echo "a connection to $address:2121 succeeds: something still listens on TCP port 2121 (ss -ltnp 'sport = :2121')"
    exit 1
  fi
done
if grep -qE '^ *[0-9]+: [0-9A-F]+:0849 [0-9A-F]+:[0-9A-F]+ 0A ' /proc/self/net/tcp /proc/self/net/tcp6 2>/dev/null; then
  echo "a socket of the node is still in LISTEN on TCP port 2121 (ss -ltnp 'sport = :2121')"
  exit 1
fi
echo "connections to TCP port 2121 on the node are refused and nothing listens there"
