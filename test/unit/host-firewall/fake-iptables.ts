import type { Iptables, IpFamily } from '../../../server/host-firewall/index.js';

/** What Docker leaves in a fresh filter table: its DOCKER-USER chain (IPv4 only unless ip6tables is on). */
export const DOCKER_ONLY = [
  '-P INPUT ACCEPT',
  '-P FORWARD DROP',
  '-N DOCKER-USER',
  '-A DOCKER-USER -j RETURN',
];

/**
 * An in-memory filter table per family that applies iptables-restore --noflush documents the way iptables does
 * for the lines the lab firewall writes (chain declarations flush, -A appends, -I inserts, -D deletes one).
 */
export class FakeIptables implements Iptables {
  readonly how = 'a fake iptables';
  readonly restores: { family: IpFamily; document: string }[] = [];
  private readonly tables: Record<IpFamily, string[]>;

  constructor(ipv4: readonly string[] = DOCKER_ONLY, ipv6: readonly string[] = ['-P INPUT ACCEPT']) {
    this.tables = { ipv4: [...ipv4], ipv6: [...ipv6] };
  }

  /** Answers a turn of the event loop later, as a real command does, so concurrent callers interleave. */
  async list(family: IpFamily): Promise<string> {
    const listing = `${this.tables[family].join('\n')}\n`;
    await new Promise((resolve) => setImmediate(resolve));
    return listing;
  }

  restore(family: IpFamily, document: string): Promise<void> {
    this.restores.push({ family, document });
    let table = this.tables[family];
    for (const line of document.split('\n')) {
      const declared = /^:(\S+) /.exec(line);
      if (declared) {
        const chain = declared[1]!;
        table = table.filter((rule) => !rule.startsWith(`-A ${chain} `));
        if (!table.includes(`-N ${chain}`)) table.push(`-N ${chain}`);
      } else if (line.startsWith('-A ')) table.push(line);
      else if (line.startsWith('-I ')) table.unshift(line.replace(/^-I (\S+) 1 /, '-A $1 '));
      else if (line.startsWith('-D ')) {
        const index = table.indexOf(line.replace(/^-D/, '-A'));
        if (index < 0)
          throw new Error(`iptables: Bad rule (does a matching rule exist in that chain?): ${line}`);
        table.splice(index, 1);
      }
    }
    this.tables[family] = table;
    return Promise.resolve();
  }

  /** A rule as someone else (or a firewall reload) would add it. */
  add(family: IpFamily, rule: string): void {
    this.tables[family].push(rule);
  }

  rules(family: IpFamily): string[] {
    return [...this.tables[family]];
  }
}
