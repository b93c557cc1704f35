# Plain HTTP to secure.example.test on the node's port 80 answers with a permanent redirect to the same URL over HTTPS.
host=secure.example.test
out=$(curl -sS --max-time 5 -o /dev/null -w '%{http_code} %{redirect_url}' --resolve "$host:80:127.0.0.1" \
  "http://$host/" 2>&1 | head -c 300)
code=${out%% *}
location=${out#* }
if [[ "$code" != 301 && "$code" != 308 ]]; then
  echo "http://$host/ answers with HTTP ${code:0:20}, not with a redirect (301 or 308) to HTTPS"
  exit 1
fi
if [[ "$location" != "https://$host/" && "$location" != "https://$host:443/" ]]; then
  echo "http://$host/ redirects to ${location:0:200}, not to https://$host/"
  exit 1
fi
echo "http://$host/ answers $code with Location https://$host/"
