# Runs on the control-plane node once the controller pod is Ready: wait (bounded) until it answers on the
# node's ports 80 and 443 (404 from its catch-all while no Ingress exists), so the checks meet a settled controller.
set -euo pipefail
catch_all() { [[ "$(code http 80)" == 404 && "$(code https 443)" == 404 ]]; }
within 60 'the Ingress controller still does not answer on ports 80 and 443 after 60 s' catch_all
