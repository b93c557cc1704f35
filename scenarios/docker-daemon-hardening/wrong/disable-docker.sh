#!/usr/bin/env bash
# Wrong: "the node does not need Docker": stops and disables the daemon and its socket and takes alice out of group
# docker, leaving the configuration as it is. Nothing listens now, but Docker is gone for root too, which the task
# forbids; and whoever starts it again gets the exposed daemon back.
set -euo pipefail

systemctl disable --now docker.service docker.socket
gpasswd -d alice docker
