# Wrong: switches the redirect off, so plain HTTP keeps serving the page.
set -euo pipefail
kubectl -n shop annotate ingress secure --overwrite nginx.ingress.kubernetes.io/ssl-redirect=false
# wait (at most 30 s) until the controller applied it: HTTP answers with the page instead of a redirect
plain_http() { [[ "$(code http 80 secure.example.test)" == 200 ]]; }
within 30 'HTTP still does not serve the page after 30 s' plain_http
