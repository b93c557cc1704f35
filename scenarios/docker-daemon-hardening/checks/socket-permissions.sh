#!/usr/bin/env bash
# Verify: after a restart of Docker, /var/run/docker.sock is a socket owned by root, group docker, mode 0660.
# restart_docker comes from lib/restart-docker.sh (scenario.yaml include): the state after a restart counts
restart_docker

socket=$(stat -L -c '%F|%U|%G|%a' /var/run/docker.sock 2>&1 | head -c 200)
if [ "$socket" != 'socket|root|docker|660' ]; then
  echo "after a restart of Docker, /var/run/docker.sock is not a socket root:docker 0660 (type|owner|group|mode: $socket)"
  exit 1
fi
echo "after a restart, /var/run/docker.sock is owned by root:docker with mode 0660, and root can use Docker"
