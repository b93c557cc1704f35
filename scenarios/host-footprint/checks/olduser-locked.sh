#!/usr/bin/env bash
# Verify: the account olduser still exists, and its password cannot be used to log in: the password is locked (the
# hash in /etc/shadow starts with "!", or is "*"), or the account has expired (/etc/shadow's expiry day is today
# or earlier; pam_unix refuses expired accounts). An empty password field is the opposite of locked: with Debian's
# nullok, olduser could log in without any password.
if ! getent passwd olduser >/dev/null; then
  echo "the account olduser does not exist any more: the task asks to keep it and lock it"
  exit 1
fi
entry=$(getent shadow olduser) || { echo "olduser has no entry in /etc/shadow"; exit 1; }
IFS=: read -r _ hash _ _ _ _ _ expire _ <<<"$entry"
today=$(($(date -u +%s) / 86400))
if [[ "$expire" =~ ^[0-9]+$ ]] && ((expire <= today)); then
  echo "olduser's account expired on day $expire (today is day $today): it cannot log in"
  exit 0
fi
case "$hash" in
  '!'* | '*'*)
    echo "olduser's password is locked"
    exit 0
    ;;
  '')
    echo "olduser's password field is empty: it can log in with no password at all; lock it with usermod -L (after setting a password) or expire the account"
    exit 1
    ;;
esac
echo "olduser's password still works (passwd -S olduser shows P), and the account has not expired"
exit 1
