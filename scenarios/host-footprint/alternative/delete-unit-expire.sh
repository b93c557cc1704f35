#!/usr/bin/env bash
# Another correct answer: stops the unit, deletes its unit file and reloads systemd (the boot target's wants symlink
# is left dangling, so nothing starts it at boot), removes the package with dpkg, and expires the account instead of
# locking its password.
set -euo pipefail
systemctl stop legacy-ftp.service
rm /etc/systemd/system/legacy-ftp.service
systemctl daemon-reload
systemctl is-enabled legacy-ftp.service || true
dpkg --remove rsh-client
usermod --expiredate 1 olduser
