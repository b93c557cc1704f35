/** A tool of the offline node image, built by go-tools/<name>.sh WORKDIR OUTDIR. */
export interface GoTool {
  name: string;
  /** The one file the caller wants from OUTDIR; without it the caller gets OUTDIR (several files). */
  result?: string;
  /** Other files of go-tools/ the script reads: a change to any of them rebuilds the tool. */
  inputs: readonly string[];
  timeoutMinutes: number;
  /** Built only when named in `only`. */
  optional?: boolean;
}

const LIB = ['lib.sh'];

// Timeouts are for a cold build on two busy cores, with room to spare.
export const GO_TOOLS: readonly GoTool[] = [
  // kubeadm, kubelet, kubectl, kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy
  { name: 'kubernetes', inputs: [], timeoutMinutes: 180 },
  { name: 'kind', result: 'kind', inputs: LIB, timeoutMinutes: 30 },
  // etcd, etcdctl
  { name: 'etcd', inputs: LIB, timeoutMinutes: 45 },
  { name: 'coredns', result: 'coredns', inputs: LIB, timeoutMinutes: 60 },
  { name: 'crictl', result: 'crictl', inputs: LIB, timeoutMinutes: 45 },
  { name: 'pause', result: 'pause', inputs: LIB, timeoutMinutes: 15 },
  // default-cni.yaml, default-storage.yaml
  { name: 'kind-manifests', inputs: [...LIB, 'goconst/main.go'], timeoutMinutes: 15 },
  // optional until the Go module proxy serves a version of it (see infra/README.md); infra/netd stands in
  { name: 'kindnetd', result: 'kindnetd', inputs: LIB, timeoutMinutes: 45, optional: true },
  // runsc, containerd-shim-runsc-v1
  { name: 'gvisor', inputs: LIB, timeoutMinutes: 90 },
  { name: 'trivy', result: 'trivy', inputs: LIB, timeoutMinutes: 90 },
  { name: 'kubesec', result: 'kubesec', inputs: LIB, timeoutMinutes: 30 },
  // kube-bench and cfg/ (the CIS benchmark definitions it reads at run time)
  { name: 'kube-bench', inputs: LIB, timeoutMinutes: 45 },
  // the NetworkPolicy firewall of every lab (firewall only: no routing, no service proxy)
  { name: 'kube-router', result: 'kube-router', inputs: LIB, timeoutMinutes: 45 },
  // master-standalone-strict/*.json: kubesec's offline SCHEMA_LOCATION
  { name: 'kubesec-schemas', inputs: [...LIB, 'kubeschemas/main.go'], timeoutMinutes: 15 },
  // the upgrade scenario's next minor, built only when a scenario lists its images (server/scenarios/release-images.ts)
  {
    name: 'kubernetes-upgrade',
    inputs: ['kubernetes.sh', 'with-versions.sh'],
    timeoutMinutes: 180,
    optional: true,
  },
  {
    name: 'etcd-upgrade',
    inputs: [...LIB, 'etcd.sh', 'with-versions.sh'],
    timeoutMinutes: 45,
    optional: true,
  },
  {
    name: 'coredns-upgrade',
    result: 'coredns',
    inputs: [...LIB, 'coredns.sh', 'with-versions.sh'],
    timeoutMinutes: 60,
    optional: true,
  },
  {
    name: 'local-path-provisioner',
    result: 'local-path-provisioner',
    inputs: LIB,
    timeoutMinutes: 45,
    optional: true,
  },
];
