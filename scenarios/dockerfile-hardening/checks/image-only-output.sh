# The layers of shop/api:2.0 hold the build's output only: no build.sh or Dockerfile from the build context, and
# no setuid or setgid file.
fetch_image
for ((n = 0; n < layers; n++)); do
  files=$(layer_files "$n")
  found=$(layer_names "$n" | grep -E '(^|/)(build\.sh|Dockerfile)$' | head -n 3 | paste -sd ' ' -)
  if [[ -n "$found" ]]; then
    echo "layer $((n + 1)) of $layers of shop/api:2.0 holds $(short "$found") from the build context: only the build's output belongs in the image"
    exit 1
  fi
  found=$(awk '$1 ~ /^-..[sS]/ || $1 ~ /^-.....[sS]/ { print $1, $NF }' <<<"$files" | head -n 3 | paste -sd ' ' -)
  if [[ -n "$found" ]]; then
    echo "layer $((n + 1)) of $layers of shop/api:2.0 has a setuid/setgid file: $(short "$found")"
    exit 1
  fi
done
echo "the $layers layers of shop/api:2.0 hold no build.sh, no Dockerfile and no setuid or setgid file"
