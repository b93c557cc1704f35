#!/usr/bin/env bash
# Mistake: gives olduser the nologin shell and leaves its password working.
set -euo pipefail
usermod --shell /usr/sbin/nologin olduser
