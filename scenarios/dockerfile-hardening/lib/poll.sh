# Included by the setup and solution scripts that wait (scenario.yaml `include`).

# within SECONDS MESSAGE COMMAND...: runs COMMAND every second until it succeeds; after SECONDS, fails with MESSAGE.
within() {
  local deadline=$((SECONDS + $1)) message=$2
  shift 2
  until "$@"; do
    if ((SECONDS > deadline)); then
      echo "$message" >&2
      exit 1
    fi
    sleep 1
  done
}
