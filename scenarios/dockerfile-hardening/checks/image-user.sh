# The image's config names its user by a numeric, non-zero UID (optionally :GID), so the kubelet can verify
# runAsNonRoot.
fetch_image
user=$(jq -r '.config.User // ""' "$work/config.json" 2>/dev/null | head -c 100)
if [[ -z "$user" ]]; then
  echo "shop/api:2.0 has no USER: it runs as root"
  exit 1
fi
if [[ ! "$user" =~ ^[0-9]+(:[0-9]+)?$ ]]; then
  echo "shop/api:2.0 runs as user \"$(short "$user")\", a name: the kubelet cannot verify runAsNonRoot for it; use a numeric UID such as 10001:10001"
  exit 1
fi
if [[ "$user" =~ ^0*(:|$) ]]; then
  echo "shop/api:2.0 runs as UID 0 (root)"
  exit 1
fi
echo "shop/api:2.0 runs as $user"
