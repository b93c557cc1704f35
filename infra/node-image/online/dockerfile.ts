/** Paths inside the online build context, shared by the context stager and the Dockerfile. */
export const CONTEXT = {
  /** static binaries for /usr/local/bin: runsc, containerd-shim-runsc-v1, trivy, etcdctl, cks-lab-imds */
  bin: 'bin',
  /** the real kubesec binary; /usr/local/bin/kubesec is a wrapper from the overlay */
  kubesec: 'kubesec',
  kubesecSchemas: 'kubesec-schemas',
  /** the real kube-bench binary; /usr/local/bin/kube-bench is a wrapper from the overlay */
  kubeBench: 'kube-bench',
  /** kube-bench's cfg/ folder (CIS benchmark definitions) */
  kubeBenchCfg: 'kube-bench-cfg',
  clamp: 'cks-lab-runc-clamp',
  /** the offline image's files/ overlay minus what the base owns (containerd config, storage manifest) */
  overlay: 'overlay',
  patchScript: 'patch-containerd-config.sh',
} as const;

/**
 * The online image's Dockerfile: the base plus cks-lab's additions. Packages are installed only when the base
 * lacks them, so a base that has them builds without a network. ENTRYPOINT and STOPSIGNAL stay the base's.
 */
export function onlineDockerfile(base: string, learnerPackages: readonly string[]): string {
  for (const name of learnerPackages) {
    if (!/^[a-z0-9][a-z0-9.+-]*$/.test(name)) throw new Error(`not a Debian package name: "${name}"`);
  }
  const completions = '/usr/share/bash-completion/completions';
  return [
    `FROM ${base}`,
    `RUN missing=$(for p in ${learnerPackages.join(' ')}; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done); ` +
      '[ -z "$missing" ] || clean-install $missing',
    `COPY ${CONTEXT.bin}/ /usr/local/bin/`,
    `COPY ${CONTEXT.kubesec} /usr/local/lib/cks-lab/kubesec`,
    `COPY ${CONTEXT.kubesecSchemas}/ /usr/local/share/kubesec/schemas/`,
    `COPY ${CONTEXT.kubeBench} /usr/local/lib/cks-lab/kube-bench`,
    `COPY ${CONTEXT.kubeBenchCfg}/ /etc/kube-bench/cfg/`,
    `COPY ${CONTEXT.clamp} /usr/local/sbin/cks-lab-runc-clamp`,
    `COPY ${CONTEXT.overlay}/ /`,
    `COPY ${CONTEXT.patchScript} /tmp/${CONTEXT.patchScript}`,
    // host keys are made at boot (the ssh drop-in), never shipped: installing openssh-server generates some
    `RUN bash /tmp/${CONTEXT.patchScript} /etc/containerd/config.toml && rm /tmp/${CONTEXT.patchScript} \\`,
    ` && install -d ${completions} && kubectl completion bash > ${completions}/kubectl \\`,
    ` && crictl completion bash > ${completions}/crictl \\`,
    ' && install -d -m 0700 /root/.ssh && systemctl enable ssh.service cks-lab-imds.service \\',
    ' && rm -f /etc/ssh/ssh_host_*',
  ].join('\n');
}
