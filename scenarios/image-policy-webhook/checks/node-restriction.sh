# NodeRestriction is still enabled in the RUNNING kube-apiserver, shown by what it does: with the kubelet's own
# credentials (/etc/kubernetes/kubelet.conf), setting a node-restriction.kubernetes.io/ label on the kubelet's own
# Node is refused. The Node authorizer allows a kubelet to update its Node; only NodeRestriction refuses labels with
# that prefix. Server-side dry run: admission decides as usual and nothing is stored.
kubeconfig=/etc/kubernetes/kubelet.conf
subject=$(openssl x509 -noout -subject -nameopt RFC2253 -in /var/lib/kubelet/pki/kubelet-client-current.pem 2>/dev/null) || {
  echo "cannot read the kubelet's client certificate /var/lib/kubelet/pki/kubelet-client-current.pem"
  exit 1
}
node=$(sed -n 's/.*CN=system:node:\([^,]*\).*/\1/p' <<<"$subject")
[ -n "$node" ] || { echo "the kubelet's client certificate names no node ($subject)"; exit 1; }
label=node-restriction.kubernetes.io/cks-lab-check=stolen
if out=$(kubectl --kubeconfig "$kubeconfig" --request-timeout=5s label node "$node" "$label" --overwrite \
  --dry-run=server 2>&1); then
  echo "expected NodeRestriction to refuse the kubelet's label $label on its own Node $node, but the API server" \
    "accepted it: NodeRestriction is no longer in the running kube-apiserver's --enable-admission-plugins."
  exit 1
fi
case "$out" in
  *"is not allowed to modify labels"*)
    echo "NodeRestriction still refuses the kubelet's label $label on its own Node $node" ;;
  *)
    echo "expected NodeRestriction to refuse the label, got another error: $(echo "$out" | tail -n 1 | cut -c1-200)"
    exit 1 ;;
esac
