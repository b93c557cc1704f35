import { CLAMP_INSTALL_PATH, CLAMP_RUNTIME_NAME } from './daemon-config.js';
import { INOTIFY_LIMITS } from './kernel-settings.js';

/** What `host prepare` does, as instructions for a host it cannot prepare itself. */
export function manualSteps(): string {
  const sysctls = Object.entries(INOTIFY_LIMITS)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return [
    'Prepare the host by hand:',
    '  1. Install a Docker engine, plus jq, debootstrap, iptables, curl, ca-certificates, gcc, libc6-dev, python3 and a static busybox.',
    '  2. Start the engine and check that `docker info` answers.',
    `  3. Raise inotify limits: sysctl -w ${sysctls} (and persist them in /etc/sysctl.d/).`,
    '  4. Create /lib/modules if it does not exist (kind bind-mounts it).',
    '  5. If `grep CapBnd /proc/self/status` lacks capabilities (privileged containers then fail with',
    `     "unable to apply caps"), build infra/runc-clamp (CGO_ENABLED=0 go build), install it as ${CLAMP_INSTALL_PATH}`,
    `     and register it in /etc/docker/daemon.json: "runtimes": {"${CLAMP_RUNTIME_NAME}": {"path": "${CLAMP_INSTALL_PATH}"}},`,
    `     "default-runtime": "${CLAMP_RUNTIME_NAME}"; then reload the engine.`,
    '  6. Run `npx cks-lab doctor` to confirm.',
  ].join('\n');
}
