/**
 * State outside a scenario's own namespaces that its setup, solution, wrong answers or alternatives change.
 * Two scenarios that declare the same key must not share a cluster (the exam planner keeps them apart), so a
 * key names one thing that is shared cluster-wide or node-wide, never a file private to the scenario.
 */
export const GLOBAL_STATE = {
  'kube-apiserver-manifest':
    'edits /etc/kubernetes/manifests/kube-apiserver.yaml (flags, mounts) and so restarts the API server',
  'control-plane-manifests':
    'edits the etcd, kube-controller-manager or kube-scheduler static pod manifests, or their data directories',
  'kubelet-config': 'edits /var/lib/kubelet/config.yaml or the kubelet flags and restarts the kubelet',
  'admission-config':
    'writes admission configuration the API server reads (AdmissionConfiguration, ImagePolicyWebhook, PodSecurity defaults)',
  'audit-config': "writes the API server's audit policy or reads its audit log (/etc/kubernetes/audit)",
  'encryption-config': "writes the API server's EncryptionConfiguration (Secrets encrypted at rest)",
  'authentication-config':
    'changes how the API server authenticates or is reached (anonymous auth, AuthenticationConfiguration, Service default/kubernetes)',
  cni: 'installs or reconfigures the CNI plugin (/etc/cni/net.d, /opt/cni/bin)',
  'runtime-class': 'creates or changes RuntimeClass objects',
  'admission-webhooks':
    'creates admission webhooks or policies that see every namespace (Validating/MutatingWebhookConfiguration, ValidatingAdmissionPolicy)',
  'cluster-rbac': 'creates or changes ClusterRoles or ClusterRoleBindings',
  crds: 'creates CustomResourceDefinitions',
  'ingress-class': 'creates IngressClasses or an ingress controller',
  'host-network-ports':
    'runs pods on the node network (hostNetwork, hostPort) that take node ports other scenarios could want',
  'seccomp-profiles': 'writes seccomp profiles under /var/lib/kubelet/seccomp',
  'apparmor-profiles': 'loads AppArmor profiles on a node (/etc/apparmor.d, apparmor_parser)',
  'systemd-units':
    'adds, changes, stops or disables systemd units or drop-ins on a node (other than the kubelet)',
  'node-users': 'adds or changes users or groups on a node',
  'container-images':
    "re-tags, labels or pins images in the node's containerd store that other scenarios also use",
  'node-files':
    'changes other shared node state: /etc files (sysctl, hosts, the Docker daemon, containerd), tool caches in /root/.cache',
} as const;

export type GlobalStateKey = keyof typeof GLOBAL_STATE;

export const GLOBAL_STATE_KEYS = Object.keys(GLOBAL_STATE) as [GlobalStateKey, ...GlobalStateKey[]];
