# The Dockerfile of ConfigMap ci/api-src is multi-stage (a final stage that copies from an earlier one), every
# FROM is the lab's busybox:1.37 (by tag, digest or both), scratch or an earlier stage, and the database password
# appears nowhere in it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dockerfile >"$work/Dockerfile" || { cat "$work/Dockerfile"; exit 1; }
if grep -qF -e "$PASSWORD" "$work/Dockerfile"; then
  echo "the Dockerfile holds the database password: it belongs in Secret shop/api-db, not in the build (ENV and ARG alike)"
  exit 1
fi
# instructions without comments, continuation lines joined
lines=$(sed -e 's/\r$//' -e '/^[[:space:]]*#/d' "$work/Dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' | head -n 500)
stages=() final_copies_from=no
while read -r instr args; do
  case "${instr^^}" in
    FROM)
      read -r -a words <<<"$args"
      set -- "${words[@]}"
      while [[ "${1:-}" == --* ]]; do shift; done
      image=${1:-} alias=''
      [[ "${2:-}" =~ ^[Aa][Ss]$ ]] && alias=${3:-}
      known=no
      for s in "${stages[@]}"; do [[ "${image,,}" == "${s,,}" ]] && known=yes; done
      if [[ $known == no && "$image" != scratch &&
        ! "$image" =~ ^registry\.registry\.svc\.cluster\.local:5000/library/busybox(:1\.37(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})$ ]]; then
        echo "FROM $(short "$image"): every stage must start from $LAB_BASE:1.37 (a tag or digest), scratch or an earlier stage"
        exit 1
      fi
      stages+=("${alias:-#${#stages[@]}}")
      final_copies_from=no
      ;;
    COPY)
      [[ "${args,,}" =~ (^|[[:space:]])--from= ]] && final_copies_from=yes
      ;;
  esac
done <<<"$lines"
if ((${#stages[@]} < 2)); then
  echo "the Dockerfile has ${#stages[@]} stage(s): build in one stage and copy only the result into a final stage"
  exit 1
fi
if [[ $final_copies_from != yes ]]; then
  echo "the final stage copies nothing from an earlier stage (COPY --from=...): the build's output belongs there"
  exit 1
fi
echo "the Dockerfile has ${#stages[@]} stages on the pinned lab busybox:1.37, the final one copies from a build stage, and it holds no password"
