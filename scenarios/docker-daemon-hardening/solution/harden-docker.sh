#!/usr/bin/env bash
# The model answer: find where the listeners and the socket's mode are set (systemctl cat docker.service
# docker.socket, /etc/docker/daemon.json), then
#   - drop tcp://0.0.0.0:2375 from "hosts" in daemon.json, so dockerd serves only the systemd socket (fd://);
#   - delete the docker.socket drop-in that sets SocketMode=0666: Debian's docker.socket makes the socket
#     root:docker 0660;
#   - take alice out of group docker;
#   - reload systemd and restart the socket and the daemon, and confirm.
set -euo pipefail

jq '.hosts = ["fd://"] | del(.tls)' /etc/docker/daemon.json > /etc/docker/daemon.json.new
mv /etc/docker/daemon.json.new /etc/docker/daemon.json

rm -f /etc/systemd/system/docker.socket.d/override.conf
rmdir --ignore-fail-on-non-empty /etc/systemd/system/docker.socket.d

gpasswd -d alice docker

systemctl daemon-reload
systemctl restart docker.socket docker.service

docker version --format '{{.Server.Version}}'
stat -c '%U:%G %a' /var/run/docker.sock
! ss -Hltnp | grep '"dockerd"'
