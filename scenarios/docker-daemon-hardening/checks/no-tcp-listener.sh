#!/usr/bin/env bash
# Verify: after a restart of Docker, dockerd listens on no TCP port at all (only on its unix socket): connections to
# TCP port 2375 on every address of the node are refused, and no TCP socket in LISTEN belongs to dockerd.
# restart_docker comes from lib/restart-docker.sh (scenario.yaml include): the state after a restart counts
restart_docker

for address in 127.0.0.1 $(hostname -I 2>/dev/null || true); do
  if timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/2375"' _ "$address" 2>/dev/null; then
    echo "after a restart of Docker, a connection to $address:2375 succeeds: the remote API is still exposed"
    exit 1
  fi
done
listening=$(ss -Hltnp 2>/dev/null | grep '"dockerd"' | awk '{print $4}' | head -n 3 | tr '\n' ' ' | head -c 200 || true)
if [ -n "$listening" ]; then
  echo "after a restart of Docker, dockerd still listens on TCP: ${listening}(ss -ltnp | grep dockerd)"
  exit 1
fi
echo "after a restart, port 2375 is closed and dockerd listens on no TCP port; root can use Docker ($root_says)"
