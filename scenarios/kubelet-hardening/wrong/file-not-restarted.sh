# Mistake: the config file is fixed, but the kubelet only reads it when it starts; the running one stays insecure.
config=/var/lib/kubelet/config.yaml
sed -i '/^  anonymous:$/,/^    enabled:/ s/^    enabled: true$/    enabled: false/' "$config"
sed -i '/^authorization:$/,/^[^ ]/ s/^  mode: AlwaysAllow$/  mode: Webhook/' "$config"
sed -i 's/^readOnlyPort:.*/readOnlyPort: 0/' "$config"
