// The host firewall around lab networks: no new connections from a lab to the internet, the cloud metadata
// address or this host's own ports; answers to connections made into a lab and traffic within it pass.
export { LAB_BRIDGE_PREFIX, labBridgeName } from './bridge.js';
export { ensureLabFirewall, readLabFirewall } from './ensure.js';
export { FirewallError } from './errors.js';
export { containerIptables, hostIptables, iptablesFor, type Iptables } from './iptables.js';
export { FORWARD_CHAIN, INPUT_CHAIN, planFirewall, type FirewallPlan, type IpFamily } from './rules.js';
