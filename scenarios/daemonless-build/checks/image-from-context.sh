# The pushed image was built from ci/storefront-src: its filesystem holds the context's index.html (sha256
# below, the file as setup created it) and the index.sha256 that the Dockerfile's RUN step writes, and its
# config runs busybox httpd on port 8080 as the Dockerfile says.
want=76f58b0e4cf5bddd7b4365b71b8238279b79e2665dd5a6054d97061434aa912c
if ! m=$(manifest shop/storefront 1.4.0); then
  echo "the registry has no manifest for shop/storefront:1.4.0"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
config=$(jq -r '.config.digest' <<<"$m" 2>/dev/null | head -c 80)
if ! blob shop/storefront "$config" "$work/config"; then
  echo "could not read the image config $(short "$config") from the registry"
  exit 1
fi
cmd=$(jq -c '.config.Cmd // []' "$work/config" 2>/dev/null | head -c 200)
if [[ "$cmd" != '["httpd","-f","-p","8080","-h","/srv/www"]' ]]; then
  echo "the image's command is $(short "$cmd"), not the Dockerfile's busybox httpd on port 8080: build ci/storefront-src as it is"
  exit 1
fi
# the newest layer that holds a file wins
index='' sum=''
for digest in $(jq -r '.layers[].digest' <<<"$m" 2>/dev/null | head -n 50 | tac); do
  blob shop/storefront "$digest" "$work/layer" || continue
  if [[ -z "$index" ]] && tar -tf "$work/layer" --wildcards '*srv/www/index.html' >/dev/null 2>&1; then
    index=$(tar -xOf "$work/layer" --wildcards '*srv/www/index.html' 2>/dev/null | head -c 65536 | sha256sum | cut -d' ' -f1)
  fi
  [[ -n "$sum" ]] || sum=$(tar -xOf "$work/layer" --wildcards '*srv/www/index.sha256' 2>/dev/null | head -c 300)
  [[ -n "$index" && -n "$sum" ]] && break
done
if [[ -z "$index" ]]; then
  echo "the image has no /srv/www/index.html: build the context in ConfigMap ci/storefront-src"
  exit 1
fi
if [[ "$index" != "$want" ]]; then
  echo "the image's /srv/www/index.html differs from the one in ConfigMap ci/storefront-src: build that context as it is"
  exit 1
fi
if [[ "$sum" != "$want  /srv/www/index.html"* ]]; then
  echo "the image has no /srv/www/index.sha256 from the Dockerfile's RUN step: build the Dockerfile as it is (RUN must run)"
  exit 1
fi
echo "shop/storefront:1.4.0 holds the context's index.html, its RUN step's index.sha256 and the httpd command"
