#!/usr/bin/env bash
# Leaves three pieces of needless footprint on the control-plane node (the package rsh-client comes from
# nodePackages, installed before this script runs):
#   - legacy-ftp.service: a socat listener on TCP port 2121 (a fake FTP banner), enabled and running, Restart=always;
#   - olduser: a login account with a shell, a home directory and a working password.
# Waits (bounded) until the listener answers, so the unsolved grade sees it.
set -euo pipefail

dpkg-query -W -f='${db:Status-Status}' rsh-client | grep -qx installed \
  || { echo "rsh-client should have been installed from nodePackages" >&2; exit 1; }

install -d -m 0755 /usr/local/sbin
cat > /usr/local/sbin/legacy-ftpd <<'SCRIPT'
#!/bin/sh
# FTP bridge for the old document scanner (decommissioned)
exec socat TCP-LISTEN:2121,reuseaddr,fork SYSTEM:'echo "220 legacy FTP bridge ready"'
SCRIPT
chmod 0755 /usr/local/sbin/legacy-ftpd

cat > /etc/systemd/system/legacy-ftp.service <<'UNIT'
[Unit]
Description=FTP bridge for the document scanner
After=network.target

[Service]
ExecStart=/usr/local/sbin/legacy-ftpd
Restart=always
RestartSec=1

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now legacy-ftp.service

id olduser >/dev/null 2>&1 || useradd --create-home --shell /bin/bash --comment 'Old build user' olduser
echo 'olduser:Winter2019!' | chpasswd

deadline=$((SECONDS + 60))
until timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/2121' 2>/dev/null; do
  ((SECONDS < deadline)) || { echo "nothing answers on TCP port 2121 after 60 s" >&2; exit 1; }
  sleep 0.5
done
echo "legacy-ftp.service listens on 2121, rsh-client is installed, olduser has a password"
