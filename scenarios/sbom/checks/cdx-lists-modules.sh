# Verify: the CycloneDX SBOM lists exactly the Go modules compiled into cks-lab/storefront:3.2 (images/storefront/go.mod),
# each with its version (the main module and the Go standard library are not compared: their versions depend on the build).
file=/root/sbom/storefront.cdx.json
expected='github.com/golang-jwt/jwt/v5@5.2.1 github.com/gorilla/mux@1.8.1'
require_json_sbom "$file"
found=$(jq -r '[.components? // [] | .. | objects | select((.name? | type) == "string")
  | select(.name | test("^(github\\.com|gopkg\\.in|golang\\.org)/"))
  | "\(.name)@\(.version // "" | tostring | sub("^v"; ""))"] | unique | join(" ")' "$file" 2>/dev/null | head -c 2000)
require_same_modules components "$expected" "$found"
echo "the SBOM lists the image's Go modules: $found"
