# Included before the SBOM checks (scenario.yaml `include`). The SBOM files are learner-controlled: their size is
# bounded before jq reads them, and what is echoed from them is cut short.

# require_json_sbom FILE: exit 1 unless FILE is a JSON object of at most 4 MiB (the format checks say why not).
require_json_sbom() {
  if [ ! -f "$1" ] || [ "$(stat -c %s "$1")" -gt 4194304 ] || ! jq -e 'type == "object"' "$1" >/dev/null 2>&1; then
    echo "cannot read $1 as a JSON SBOM (see the format check)"
    exit 1
  fi
}

# require_same_modules WHAT EXPECTED FOUND: exit 1 unless the space-separated module@version lists are equal.
require_same_modules() {
  local missing extra
  missing=$(comm -23 <(tr ' ' '\n' <<<"$2" | sort -u) <(tr ' ' '\n' <<<"$3" | sed '/^$/d' | sort -u) | tr '\n' ' ')
  extra=$(comm -13 <(tr ' ' '\n' <<<"$2" | sort -u) <(tr ' ' '\n' <<<"$3" | sed '/^$/d' | sort -u) | tr '\n' ' ')
  if [ -n "$missing$extra" ]; then
    echo "expected the $1 to list exactly the image's modules; missing: ${missing:-none}; not in this image: ${extra:-none}" | head -c 390
    exit 1
  fi
}
