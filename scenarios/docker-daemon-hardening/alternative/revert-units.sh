#!/usr/bin/env bash
# Alternative: back to the packaged defaults instead of editing the listeners. Delete "hosts" from daemon.json and
# drop every local drop-in with `systemctl revert`, so docker.service runs Debian's own `dockerd -H fd://` and
# docker.socket is root:docker 0660 again; remove alice from the group with deluser.
set -euo pipefail

jq 'del(.hosts) | del(.tls)' /etc/docker/daemon.json > /etc/docker/daemon.json.new
mv /etc/docker/daemon.json.new /etc/docker/daemon.json
systemctl revert docker.service docker.socket
deluser alice docker

systemctl stop docker.service docker.socket
systemctl start docker.socket docker.service
docker info --format '{{.ServerVersion}}'
