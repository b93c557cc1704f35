# Included before the scripts that wait for the Ingress controller (scenario.yaml `include`).

# code SCHEME PORT [HOST]: the status the controller on this node answers with (000 when nothing answers); with
# HOST, the request is for that virtual host (SNI and Host header), sent to 127.0.0.1.
code() {
  local target=127.0.0.1 resolve=()
  if [[ -n "${3:-}" ]]; then
    target=$3
    resolve=(--resolve "$3:$2:127.0.0.1")
  fi
  curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "${resolve[@]}" "$1://$target:$2/" 2>/dev/null || true
}

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
