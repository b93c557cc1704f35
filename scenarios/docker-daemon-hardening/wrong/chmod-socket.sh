#!/usr/bin/env bash
# Wrong: closes the TCP listener and takes alice out of group docker correctly, but fixes the socket with chmod
# instead of in docker.socket: the drop-in still says SocketMode=0666, so the next restart makes the socket
# world-writable again (and alice, no longer in group docker, can use Docker through it once more).
set -euo pipefail

jq '.hosts = ["fd://"] | del(.tls)' /etc/docker/daemon.json > /etc/docker/daemon.json.new
mv /etc/docker/daemon.json.new /etc/docker/daemon.json
gpasswd -d alice docker
systemctl restart docker.service

chmod 0660 /var/run/docker.sock
chown root:docker /var/run/docker.sock
stat -c '%U:%G %a' /var/run/docker.sock
