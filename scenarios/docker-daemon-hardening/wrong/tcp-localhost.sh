#!/usr/bin/env bash
# Wrong: keeps the remote API but binds it to the loopback address, tcp://127.0.0.1:2375. Nobody outside the node
# reaches it any more, but every local process (and every pod with hostNetwork) still gets unauthenticated root
# through it, and the task asks for no TCP listener at all. The socket and alice are fixed correctly.
set -euo pipefail

jq '.hosts = ["fd://", "tcp://127.0.0.1:2375"]' /etc/docker/daemon.json > /etc/docker/daemon.json.new
mv /etc/docker/daemon.json.new /etc/docker/daemon.json
rm -f /etc/systemd/system/docker.socket.d/override.conf
gpasswd -d alice docker

systemctl daemon-reload
systemctl restart docker.socket docker.service
