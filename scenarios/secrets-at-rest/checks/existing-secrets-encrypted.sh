# Every Secret in etcd, in every namespace, is stored encrypted by aescbc or secretbox: the ones setup created in
# payments and default before encryption was on, kube-system's, everyone's. Reads only the first bytes of each value
# (learner-controlled data) and skips the other checks' own short-lived Secrets, which they may write meanwhile:
# default/cks-lab-probe-* and namespace cks-lab-grader (an unencrypted one on purpose).
etcd() {
  etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt \
    --cert=/etc/kubernetes/pki/apiserver-etcd-client.crt --key=/etc/kubernetes/pki/apiserver-etcd-client.key \
    --dial-timeout=3s --command-timeout=5s "$@"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! etcd get /registry/secrets/ --prefix --keys-only >"$tmp/keys" 2>"$tmp/err"; then
  echo "cannot list the Secrets in etcd: $(tail -n 1 "$tmp/err" | cut -c1-150)"
  exit 1
fi
required=(payments/db-credentials payments/card-gateway default/smtp-relay)
total=0 plain=() other=() seen=()
while IFS= read -r key; do
  case "$key" in /registry/secrets/*/*) ;; *) continue ;; esac
  id=${key#/registry/secrets/}
  case "$id" in cks-lab-grader/* | default/cks-lab-probe-*) continue ;; esac
  total=$((total + 1))
  seen+=("$id")
  stored=$(etcd get "$key" --print-value-only 2>/dev/null | head -c 24 | LC_ALL=C tr -c '[:print:]' '.')
  case "$stored" in
    k8s:enc:aescbc:v1:* | k8s:enc:secretbox:v1:*) ;;
    "") ;; # deleted since the listing
    k8s:enc:*) other+=("$(printf %s "$id" | cut -c1-80)") ;;
    *) plain+=("$(printf %s "$id" | cut -c1-80)") ;;
  esac
done < <(head -n 4000 "$tmp/keys")
missing=()
for id in "${required[@]}"; do
  printf '%s\n' "${seen[@]}" | grep -qxF -- "$id" || missing+=("$id")
done
if [ "${#plain[@]}" -gt 0 ]; then
  echo "${#plain[@]} of $total Secrets are still stored unencrypted in etcd, e.g. ${plain[*]:0:5}." \
    "Secrets are encrypted only when they are written again."
  exit 1
fi
if [ "${#other[@]}" -gt 0 ]; then
  echo "${#other[@]} of $total Secrets are encrypted by another provider than aescbc or secretbox, e.g. ${other[*]:0:5}."
  exit 1
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "the Secrets ${missing[*]} are no longer in etcd: they must be kept (and re-encrypted), not deleted."
  exit 1
fi
echo "all $total Secrets in etcd are stored encrypted (aescbc or secretbox), ${required[*]} included"
