# No layer of shop/api:2.0 holds .env or id_rsa (a file deleted by a later step stays in the layer that added it),
# no file in any layer holds the database password or the deploy key, and neither does the config (Env, history,
# labels).
fetch_image
if jq -r '[.config.Env[]?, .config.Labels[]?, .history[]?.created_by?, .history[]?.comment?] | .[] | strings' \
  "$work/config.json" 2>/dev/null | head -c 1048576 | grep -qF -e "$PASSWORD" -e "$KEY_MARK"; then
  echo "the image config of shop/api:2.0 (Env, labels or history) holds the database password"
  exit 1
fi
for ((n = 0; n < layers; n++)); do
  found=$(layer_names "$n" | grep -E '(^|/)(\.env|id_rsa)$' | head -n 3 | paste -sd ' ' -)
  if [[ -n "$found" ]]; then
    echo "layer $((n + 1)) of $layers of shop/api:2.0 holds $(short "$found"): deleting it in a later step does not remove it from this layer"
    exit 1
  fi
  if tar -xOf "$work/layer-$n" 2>/dev/null | head -c 268435456 | grep -qaF -e "$PASSWORD" -e "$KEY_MARK"; then
    echo "a file in layer $((n + 1)) of $layers of shop/api:2.0 holds the database password or the deploy key"
    exit 1
  fi
done
echo "none of the $layers layers of shop/api:2.0 nor its config holds .env, id_rsa, the password or the key"
