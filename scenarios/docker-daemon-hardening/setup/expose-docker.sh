#!/usr/bin/env bash
# The starting state: Debian's docker.io (installed from nodePackages, with the node's own containerd) misconfigured
# the way a hurried admin leaves it:
#   - /etc/docker/daemon.json adds an unauthenticated TCP listener, tcp://0.0.0.0:2375, beside the systemd socket
#     (fd://), with "tls": false, which also skips the 15 s start-up delay dockerd 20.10 adds for plain TCP; the
#     docker.service drop-in removes -H from ExecStart because dockerd refuses "hosts" given both as a
#     flag and in daemon.json;
#   - a docker.socket drop-in makes /run/docker.sock (= /var/run/docker.sock) world-writable, SocketMode=0666;
#   - the account alice (a developer) is a member of group docker.
# Waits (bounded) until the TCP API answers, so the unsolved grade sees it.
set -euo pipefail

command -v dockerd >/dev/null || { echo "dockerd should have been installed from nodePackages (docker.io)" >&2; exit 1; }
getent group docker >/dev/null || { echo "docker.io should have created the group docker" >&2; exit 1; }

install -d -m 0755 /etc/docker /etc/systemd/system/docker.service.d /etc/systemd/system/docker.socket.d
cat > /etc/docker/daemon.json <<'JSON'
{
  "hosts": ["fd://", "tcp://0.0.0.0:2375"],
  "tls": false,
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "3" }
}
JSON

cat > /etc/systemd/system/docker.service.d/override.conf <<'UNIT'
# CI-1142: remote API for the build agents. The listeners are set in /etc/docker/daemon.json ("hosts"),
# so ExecStart must not pass -H as well (dockerd refuses a setting given both ways).
[Service]
ExecStart=
ExecStart=/usr/sbin/dockerd --containerd=/run/containerd/containerd.sock
UNIT

cat > /etc/systemd/system/docker.socket.d/override.conf <<'UNIT'
# CI-1187: let the build users talk to docker without sudo
[Socket]
SocketMode=0666
UNIT

id alice >/dev/null 2>&1 || useradd --create-home --shell /bin/bash --comment 'Alice (frontend developer)' alice
usermod -aG docker alice

systemctl daemon-reload
systemctl stop docker.service docker.socket
systemctl reset-failed docker.service docker.socket 2>/dev/null || true
timeout 60 systemctl start docker.socket docker.service

deadline=$((SECONDS + 60))
until timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/2375' 2>/dev/null \
  && [ "$(stat -c %a /var/run/docker.sock 2>/dev/null)" = 666 ]; do
  ((SECONDS < deadline)) || { echo "dockerd does not answer on TCP 2375 with a 0666 socket after 60 s" >&2; exit 1; }
  sleep 0.5
done
echo "dockerd listens on tcp://0.0.0.0:2375 and /var/run/docker.sock is 0666; alice is in group docker"
