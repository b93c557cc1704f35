#!/usr/bin/env bash
# Model answer: trace port 2121 to its process and systemd unit, stop and disable the unit, purge rsh-client,
# lock olduser's password.
set -euo pipefail

ss -ltnp 'sport = :2121'
pid=$(ss -Hltnp 'sport = :2121' | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
unit=$(systemctl status "$pid" --no-pager 2>/dev/null | head -n 1 | grep -oE '[A-Za-z0-9@._-]+\.service' || true)
[ -n "$unit" ] || { echo "found no unit for PID $pid" >&2; exit 1; }
echo "PID $pid belongs to $unit"
systemctl disable --now "$unit"

apt-get purge -y rsh-client

usermod -L olduser
passwd -S olduser
