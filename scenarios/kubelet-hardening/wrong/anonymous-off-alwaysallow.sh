# Mistake: anonymous requests are refused and the read-only port is off, but authorization stays AlwaysAllow, so
# any token the API server vouches for (every ServiceAccount's) may do anything on the kubelet.
config=/var/lib/kubelet/config.yaml
sed -i '/^  anonymous:$/,/^    enabled:/ s/^    enabled: true$/    enabled: false/' "$config"
sed -i 's/^readOnlyPort:.*/readOnlyPort: 0/' "$config"
