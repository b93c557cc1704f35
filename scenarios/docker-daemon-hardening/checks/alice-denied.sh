#!/usr/bin/env bash
# Verify: the account alice still exists, is not a member of group docker, and after a restart of Docker her
# `docker version` is refused at the socket (permission denied) while root's works.
# restart_docker comes from lib/restart-docker.sh (scenario.yaml include): the state after a restart counts
restart_docker

if ! id alice >/dev/null 2>&1; then
  echo "the account alice is gone: keep the account, only take away her Docker access"
  exit 1
fi
if id -nG alice 2>/dev/null | tr ' ' '\n' | grep -qx docker; then
  echo "alice is still a member of group docker (id alice)"
  exit 1
fi
alice_says=$(cd / && timeout 15 runuser -u alice -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/home/alice \
  docker -H unix:///var/run/docker.sock version --format '{{.Server.Version}}' 2>&1)
alice_exit=$?
if [ "$alice_exit" -eq 0 ]; then
  echo "after a restart of Docker, alice can still use Docker through /var/run/docker.sock (server $(head -c 60 <<<"$alice_says"))"
  exit 1
fi
if ! grep -qi 'permission denied' <<<"$alice_says"; then
  echo "alice's docker version failed, but not with permission denied: $(head -c 200 <<<"$alice_says")"
  exit 1
fi
echo "alice is not in group docker and gets permission denied on /var/run/docker.sock; root can use Docker"
