#!/usr/bin/env bash
# Verify: the package rsh-client is not installed (dpkg status not-installed, or config-files after a plain remove)
# and its setuid-root binaries are gone from /usr/bin.
status=$(dpkg-query -W -f='${db:Status-Status}' rsh-client 2>/dev/null || true)
case "$status" in
  '' | not-installed | config-files) ;;
  *)
    echo "dpkg reports rsh-client as \"$status\": remove it with apt-get purge rsh-client"
    exit 1
    ;;
esac
for binary in /usr/bin/netkit-rsh /usr/bin/netkit-rlogin /usr/bin/netkit-rcp; do
  if [ -e "$binary" ]; then
    echo "$binary (setuid root, from rsh-client) is still there"
    exit 1
  fi
done
echo "rsh-client is ${status:-unknown to dpkg} and its setuid binaries are gone"
