#!/bin/sh
# As curlimages/curl: arguments that start with an option go to curl, anything else is run as a command.
set -e
if [ "${1#-}" != "$1" ]; then set -- curl "$@"; fi
exec "$@"
