# The image's command (Entrypoint + Cmd) is in exec form: httpd runs as PID 1 and gets the kubelet's SIGTERM,
# not a /bin/sh -c wrapper that shell-form CMD produces.
fetch_image
cmd=$(jq -c '(.config.Entrypoint // []) + (.config.Cmd // [])' "$work/config.json" 2>/dev/null | head -c 300)
if [[ -z "$cmd" || "$cmd" == '[]' ]]; then
  echo "shop/api:2.0 has no command"
  exit 1
fi
if jq -e '.[0] | test("(^|/)(ba|a|da)?sh$")' <<<"$cmd" >/dev/null 2>&1 &&
  jq -e '.[1] == "-c"' <<<"$cmd" >/dev/null 2>&1; then
  echo "shop/api:2.0 runs $(short "$cmd"): shell form; write CMD in exec (JSON) form"
  exit 1
fi
echo "shop/api:2.0 runs $(short "$cmd") in exec form"
