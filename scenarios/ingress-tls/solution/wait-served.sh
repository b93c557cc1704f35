# The controller picks up a new Ingress within a few seconds: wait (at most 30 s) until it answers for
# secure.example.test on port 443 or port 80 (whatever it was configured to do, the checks then meet it settled).
set -euo pipefail
served() { [[ "$(code https 443 secure.example.test)" == 200 || "$(code http 80 secure.example.test)" =~ ^(200|301|308)$ ]]; }
within 30 'the controller does not serve secure.example.test after 30 s (still 404 on ports 80 and 443)' served
