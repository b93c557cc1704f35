# Secure the kubelet in its config file (the restart is the next step). A backup of the file goes to /root.
config=/var/lib/kubelet/config.yaml
cp "$config" /root/kubelet-config.yaml.bak

# authentication.anonymous.enabled: true -> false (only inside the anonymous block)
sed -i '/^  anonymous:$/,/^    enabled:/ s/^    enabled: true$/    enabled: false/' "$config"
# authorization.mode: AlwaysAllow -> Webhook (only inside the authorization block)
sed -i '/^authorization:$/,/^[^ ]/ s/^  mode: AlwaysAllow$/  mode: Webhook/' "$config"
# 0 turns the read-only port off (deleting the key does too: 0 is its default in the config file)
sed -i 's/^readOnlyPort:.*/readOnlyPort: 0/' "$config"
grep -A1 '^  anonymous:$' "$config"
grep -A1 '^authorization:$' "$config"
grep '^readOnlyPort:' "$config"
