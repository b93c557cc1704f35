# Puts hadolint on the node's PATH (copied out of the cks-lab/hadolint image, which stays for the grader) and
# writes the build context of ConfigMap ci/api-src to /root/api/, where the learner edits and lints it.
# ctr run attaches stdin; script steps give their commands an empty one, and </dev/null says so where it matters.
ctr -n k8s.io run --rm \
  --mount "type=bind,src=/usr/local/bin,dst=/out,options=rbind:rw" \
  docker.io/cks-lab/hadolint:2.15.1 "cks-hadolint-install-$$" \
  cp /usr/local/bin/hadolint /out/hadolint </dev/null
hadolint --version | grep -q 2.15.1

mkdir -p /root/api
src=$(kubectl -n ci get configmap api-src -o json)
for key in $(jq -r '.data | keys[]' <<<"$src"); do
  jq -j --arg key "$key" '.data[$key]' <<<"$src" >"/root/api/$key"
done
chmod 600 /root/api/.env /root/api/id_rsa
for f in Dockerfile build.sh index.html .env id_rsa; do
  [[ -s "/root/api/$f" ]] || { echo "/root/api/$f was not written" >&2; exit 1; }
done
echo "hadolint $(hadolint --version | grep -o '[0-9][0-9.]*' | head -n 1) in /usr/local/bin; the api project in /root/api"
