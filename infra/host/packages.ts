import { run } from '../../server/exec/run.js';

/** A host requirement met by any one of several Debian packages (Docker's own packages count too). */
export interface PackageNeed {
  /** Installed when none of the alternatives is. */
  install: string;
  alternatives: readonly string[];
}

const need = (install: string, ...others: string[]): PackageNeed => ({
  install,
  alternatives: [install, ...others],
});

/** The engine plus what the offline node-image build runs on the host. */
export const HOST_PACKAGES: readonly PackageNeed[] = [
  need('docker.io', 'docker-ce'),
  need('containerd', 'containerd.io'),
  need('runc', 'containerd.io'),
  need('iptables'),
  need('jq'),
  need('debootstrap'),
  need('busybox-static'),
  need('curl'),
  need('ca-certificates'),
  // pause is compiled static from C; gvisor.sh patches two lines of its sources with python3
  need('gcc'),
  need('libc6-dev'),
  need('python3'),
];

export const GO_PACKAGE: PackageNeed = need('golang-go');

/** Headless browser for the e2e tier (Playwright launches /usr/bin/chromium; no browser download offline). */
export const BROWSER_PACKAGE: PackageNeed = need('chromium');

const APT_TIMEOUT_MS = 20 * 60_000;

/** Names among `names` that dpkg reports as installed. */
export async function installedPackages(names: readonly string[]): Promise<Set<string>> {
  // dpkg-query exits 1 when some names are unknown, but still lists the known ones
  const result = await run(['dpkg-query', '-W', '-f', '${Package}\t${db:Status-Abbrev}\n', ...names], {
    allowFailure: true,
    timeoutMs: 30_000,
  });
  const installed = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const [name, status] = line.split('\t');
    if (name && status?.startsWith('ii')) installed.add(name);
  }
  return installed;
}

/** Packages to install so every need is met. */
export function packagesToInstall(needs: readonly PackageNeed[], installed: Set<string>): string[] {
  return needs.filter((n) => !n.alternatives.some((name) => installed.has(name))).map((n) => n.install);
}

/** apt-get update + install, non-interactive; progress lines go to `info`. */
export async function aptInstall(packages: readonly string[], info: (line: string) => void): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const requested = new Set(packages);
  // apt prints a line per dependency too; report only the packages asked for
  const onLine = (line: string) => {
    const name = /^Setting up ([^: ]+)/.exec(line)?.[1];
    if (name && requested.has(name)) info(line);
  };
  await run(['apt-get', 'update'], { env, timeoutMs: APT_TIMEOUT_MS });
  await run(['apt-get', 'install', '-y', '--no-install-recommends', ...packages], {
    env,
    onLine,
    timeoutMs: APT_TIMEOUT_MS,
  });
}
