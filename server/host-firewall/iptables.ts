import { CommandError, run } from '../exec/run.js';
import { FirewallError } from './errors.js';
import type { IpFamily } from './rules.js';

/** Reads and changes one family's filter table. */
export interface Iptables {
  /** `iptables -S`: the filter table as rules. */
  list(family: IpFamily): Promise<string>;
  /** `iptables-restore --noflush`: applies the document in one transaction, leaving everything else alone. */
  restore(family: IpFamily, document: string): Promise<void>;
  /** How the commands run, for messages ("iptables on this host", "iptables-nft in a helper container"). */
  readonly how: string;
}

const TIMEOUT_MS = 60_000;
/** Where Debian and most distributions keep iptables, which a non-root PATH often lacks. */
const SBIN_PATH = '/usr/local/sbin:/usr/sbin:/sbin';

function tool(family: IpFamily): string {
  return family === 'ipv4' ? 'iptables' : 'ip6tables';
}

/** PATH with the sbin folders added: iptables lives there, and a non-root PATH often lacks them. */
function sbinEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${process.env.PATH ?? ''}:${SBIN_PATH}` };
}

/** Runs one firewall command; a failure becomes a FirewallError that says who ran it and what to do. */
async function firewallCommand(argv: string[], how: string, input?: string): Promise<string> {
  try {
    return (await run(argv, { timeoutMs: TIMEOUT_MS, input, env: sbinEnv() })).stdout;
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.reason === 'spawn') {
      throw new FirewallError(
        `${argv[0] ?? ''} is not installed (Docker needs iptables as well): run \`sudo npx cks-lab host prepare\``,
        { cause: error },
      );
    }
    throw new FirewallError(`the lab firewall could not be read or set with ${how}: ${error.message}`, {
      cause: error,
    });
  }
}

/**
 * As root: the host's own `iptables`/`ip6tables`, the very commands Docker runs, so rules land in the backend
 * (nf_tables or legacy) that Docker's chains live in.
 */
export function hostIptables(): Iptables {
  const how = 'iptables on this host';
  return {
    how,
    list: (family) => firewallCommand([tool(family), '-w', '-S'], how),
    restore: async (family, document) => {
      await firewallCommand([`${tool(family)}-restore`, '-w', '--noflush'], how, document);
    },
  };
}

/** nf_tables or legacy, from `iptables --version` on the host (no privileges needed). */
export function backendOf(versionOutput: string): 'nft' | 'legacy' {
  return /nf_tables/.test(versionOutput) ? 'nft' : 'legacy';
}

/**
 * Without root, iptables runs in a throwaway container of the node image in the host's network namespace with
 * NET_ADMIN (a user Docker obeys may do that anyway). The backend is the host's, named explicitly: the image's
 * own `iptables` alternative could pick the other one and write rules Docker's packets never see.
 */
export async function containerIptables(image: string): Promise<Iptables> {
  const version = await firewallCommand(['iptables', '--version'], 'iptables on this host');
  const backend = backendOf(version);
  const how = `iptables-${backend} in a container of ${image}`;
  const inContainer = (binary: string, args: string[], input?: string) =>
    firewallCommand(
      [
        'docker',
        'run',
        '--rm',
        ...(input === undefined ? [] : ['-i']),
        '--pull',
        'never',
        '--log-driver',
        'none',
        '--network',
        'host',
        '--cap-add',
        'NET_ADMIN',
        '--cap-add',
        'NET_RAW',
        '--entrypoint',
        binary,
        '--',
        image,
        ...args,
      ],
      how,
      input,
    );
  return {
    how,
    list: (family) => inContainer(`${tool(family)}-${backend}`, ['-w', '-S']),
    restore: async (family, document) => {
      await inContainer(`${tool(family)}-${backend}-restore`, ['-w', '--noflush'], document);
    },
  };
}

/** Root changes the firewall directly; anyone else goes through Docker with the node image. */
export async function iptablesFor(options: { image: string }): Promise<Iptables> {
  return process.getuid?.() === 0 ? hostIptables() : containerIptables(options.image);
}
