#!/usr/bin/env bash
# Mistake: stops the service but leaves it enabled; it starts again at the next boot.
set -euo pipefail
systemctl stop legacy-ftp.service
