# Verify: /root/sbom/billing.spdx.json is an SPDX 2.x document in JSON (not tag-value, not CycloneDX). The file is
# learner-controlled: its size is bounded before jq reads it.
file=/root/sbom/billing.spdx.json
if [ ! -f "$file" ]; then echo "expected a file at $file; there is none"; exit 1; fi
size=$(stat -c %s "$file")
if [ "$size" -gt 4194304 ]; then echo "expected an SBOM of a few kB; $file has $size bytes"; exit 1; fi
if ! jq -e 'type == "object"' "$file" >/dev/null 2>&1; then
  start=$(head -c 60 "$file" | tr -c '[:print:]' ' ')
  if [[ "$start" == SPDXVersion:* ]]; then
    echo "expected SPDX in JSON; $file is SPDX tag-value text (starts: $start)"
  else
    echo "expected JSON; $file is not a JSON document (starts: $start)"
  fi
  exit 1
fi
version=$(jq -r '.spdxVersion | tostring' "$file" | head -c 40)
if ! [[ "$version" =~ ^SPDX-2\.[0-9]+$ ]] || ! jq -e '.packages | type == "array"' "$file" >/dev/null; then
  other=$(jq -r 'if .bomFormat then "CycloneDX" elif .SchemaVersion then "a trivy JSON report" else "no spdxVersion" end' "$file" | head -c 40)
  echo "expected spdxVersion SPDX-2.x and a packages list; found ${other:-?} (spdxVersion: $version)"
  exit 1
fi
echo "$file is an $version JSON document"
