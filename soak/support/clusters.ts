// The clusters this run made, and only those: what the orphan check looks at and what clean-up deletes. Other
// engineers' clusters on the same engine are never touched, only reported (a cks-lab server's reconcile would
// delete lab-shaped ones, so the soak waits for them to go before it starts a server; see run.ts).
import { readdir, readFile } from 'node:fs/promises';
import { createKindProvider } from '../../server/clusters/kind/index.js';
import { containersWithLabel, KIND_CLUSTER_LABEL, networkExists } from '../../server/clusters/kind/docker.js';
import { networkName } from '../../server/clusters/kind/names.js';
import { run } from '../../server/exec/run.js';
import { LAB_CLUSTER_NAME } from '../../server/store/index.js';

export class ClusterLedger {
  private readonly names = new Set<string>();
  private readonly provider = createKindProvider();

  note(name: string | undefined | null): void {
    if (name) this.names.add(name);
  }

  get all(): string[] {
    return [...this.names];
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** What of a cluster still exists on the engine: its node containers and its network. */
  async remains(name: string): Promise<string[]> {
    const containers = await containersWithLabel(KIND_CLUSTER_LABEL, name);
    const network = networkName(name);
    return [...containers, ...((await networkExists(network)) ? [`network ${network}`] : [])];
  }

  /** Clusters of this run that exist although no open lab owns them (`open`: the clusters of open labs). */
  async orphans(open: ReadonlySet<string>): Promise<string[]> {
    const found: string[] = [];
    for (const name of this.names) {
      if (open.has(name)) continue;
      const left = await this.remains(name);
      if (left.length) found.push(`${name} (${left.join(', ')})`);
    }
    return found;
  }

  /** Lab-shaped clusters (cks-xxxxxxxx) someone else made: a cks-lab server started now would delete them. */
  async foreignLabShaped(): Promise<string[]> {
    return (await this.provider.list()).filter(
      (name) => LAB_CLUSTER_NAME.test(name) && !this.names.has(name),
    );
  }

  /** Clusters whose kind node containers run on the engine but that this run did not make. */
  async foreignRunning(): Promise<string[]> {
    const result = await run(
      [
        'docker',
        'ps',
        '--filter',
        `label=${KIND_CLUSTER_LABEL}`,
        '--format',
        `{{.Label "${KIND_CLUSTER_LABEL}"}}`,
      ],
      { timeoutMs: 30_000 },
    );
    const clusters = new Set(result.stdout.split('\n').map((line) => line.trim()));
    return [...clusters].filter((name) => name && !this.names.has(name));
  }

  /** `kind create` processes still running for this run's clusters (a killed server leaves them behind). */
  async kindCreatesLeft(): Promise<{ pid: number; cluster: string }[]> {
    const found: { pid: number; cluster: string }[] = [];
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      // the process may end while we read it: then it is not left over
      const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
      const name = argv[argv.indexOf('--name') + 1];
      if (argv.includes('create') && argv.includes('cluster') && name && this.names.has(name))
        found.push({ pid: Number(entry), cluster: name });
    }
    return found;
  }

  /** Deletes every cluster of this run that still has something on the engine; returns what failed. */
  async deleteAll(): Promise<string[]> {
    const failures: string[] = [];
    for (const { pid } of await this.kindCreatesLeft()) {
      // a kind create orphaned by kill -9 would otherwise recreate what we delete
      try {
        process.kill(pid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
    for (const name of this.names) {
      if (!(await this.remains(name)).length) continue;
      await this.provider.delete(name).catch((error: unknown) => {
        failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      });
    }
    return failures;
  }
}
