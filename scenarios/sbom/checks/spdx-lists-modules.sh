# Verify: the SPDX SBOM lists exactly the Go modules compiled into cks-lab/billing:1.8 (images/billing-1.8/go.mod),
# each with its version (the main module and the Go standard library are not compared: their versions depend on the build).
file=/root/sbom/billing.spdx.json
expected='github.com/golang-jwt/jwt/v5@5.2.2 github.com/google/uuid@1.6.0'
require_json_sbom "$file"
found=$(jq -r '[.packages[]? | objects | select((.name? | type) == "string")
  | select(.name | test("^(github\\.com|gopkg\\.in|golang\\.org)/"))
  | "\(.name)@\(.versionInfo // "" | tostring | sub("^v"; ""))"] | unique | join(" ")' "$file" 2>/dev/null | head -c 2000)
require_same_modules packages "$expected" "$found"
echo "the SBOM lists the image's Go modules: $found"
