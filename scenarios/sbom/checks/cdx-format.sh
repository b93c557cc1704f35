# Verify: /root/sbom/storefront.cdx.json is a CycloneDX document in JSON (not trivy's table or JSON report, not
# SPDX). The file is learner-controlled: its size is bounded before jq reads it.
file=/root/sbom/storefront.cdx.json
if [ ! -f "$file" ]; then echo "expected a file at $file; there is none"; exit 1; fi
size=$(stat -c %s "$file")
if [ "$size" -gt 4194304 ]; then echo "expected an SBOM of a few kB; $file has $size bytes"; exit 1; fi
if ! jq -e 'type == "object"' "$file" >/dev/null 2>&1; then
  echo "expected JSON; $file is not a JSON document (starts: $(head -c 60 "$file" | tr -c '[:print:]' ' '))"
  exit 1
fi
format=$(jq -r '[.bomFormat, .specVersion] | map(tostring) | join(" ")' "$file" | head -c 80)
if ! [[ "$format" =~ ^CycloneDX\ 1\.[0-9]+$ ]]; then
  other=$(jq -r 'if .spdxVersion then "SPDX (\(.spdxVersion))" elif .SchemaVersion then "a trivy JSON report" else "no bomFormat" end' "$file" | head -c 60)
  echo "expected bomFormat CycloneDX and a specVersion 1.x; found ${other:-?} (bomFormat/specVersion: $format)"
  exit 1
fi
echo "$file is a JSON document: $format"
