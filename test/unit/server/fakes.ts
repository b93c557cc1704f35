import { Duplex, PassThrough } from 'node:stream';
import type {
  ClusterNode,
  CreateClusterOptions,
  NodeExecOptions,
  NodeExecResult,
  NodeShell,
  ShellOptions,
} from '../../../server/clusters/types.js';
import type {
  LabClusterProvider,
  LabGrade,
  ScenarioDetail,
  ScenarioEngine,
  ScenarioSummary,
} from '../../../server/labs/deps.js';
import { TMUX_DETACH_KEYS } from '../../../server/terminal/tmux.js';

/** Unit-scope stand-in for kind: clusters are names in a set; create can be held open to test the queue. */
export class FakeProvider implements LabClusterProvider {
  readonly clusters = new Set<string>();
  /** Every shell opened on this provider's nodes (the terminal's and the watchers'). */
  readonly shells = new FakeShells();
  readonly created: string[] = [];
  /** Node count each cluster was created with. */
  readonly createdNodes = new Map<string, 1 | 2>();
  readonly deleted: string[] = [];
  /** When set, delete waits for it (a slow `kind delete`), so a test can see whether a caller waited. */
  deleteGate: Promise<void> | undefined;
  readonly execs: { cluster: string; node: string; argv: readonly string[] }[] = [];
  /** When set, create waits for release(name) (or the abort signal). */
  holdCreates = false;
  failCreate: Error | undefined;

  openShell(_cluster: string, node: string, options: ShellOptions): Promise<NodeShell> {
    return this.shells.open({ container: node, ...options });
  }
  private readonly waiting = new Map<string, () => void>();

  async create(name: string, options: CreateClusterOptions) {
    this.created.push(name);
    this.createdNodes.set(name, options.nodes);
    options.progress?.({ kind: 'info', step: 'nodes', message: `creating ${name}` });
    if (this.failCreate) throw this.failCreate;
    if (this.holdCreates) {
      await new Promise<void>((resolve, reject) => {
        this.waiting.set(name, resolve);
        const aborted = () => {
          this.waiting.delete(name);
          reject(new Error('aborted'));
        };
        options.signal?.addEventListener('abort', aborted, { once: true });
      });
    }
    this.clusters.add(name);
    return { name, nodes: await this.nodes(name) };
  }

  release(name: string): void {
    const resolve = this.waiting.get(name);
    if (!resolve) throw new Error(`no create of ${name} is waiting`);
    this.waiting.delete(name);
    resolve();
  }

  isWaiting(name: string): boolean {
    return this.waiting.has(name);
  }

  /** Creates held open right now (names the test did not choose, e.g. pooled clusters). */
  waitingNames(): string[] {
    return [...this.waiting.keys()];
  }

  async delete(name: string) {
    this.deleted.push(name);
    await this.deleteGate;
    this.clusters.delete(name);
    this.networks.delete(name);
  }

  /** Clusters whose Docker network is left without nodes (a delete cut short), with the network's creation time. */
  readonly networks = new Map<string, Date>();

  async leftoverNetworks() {
    return [...this.networks]
      .filter(([cluster]) => !this.clusters.has(cluster))
      .map(([cluster, createdAt]) => ({ cluster, network: `kind-${cluster}`, createdAt }));
  }

  /** How often the cluster list was asked for (reconcile asks once). */
  lists = 0;

  async list() {
    this.lists += 1;
    return [...this.clusters];
  }

  async nodes(name: string): Promise<ClusterNode[]> {
    return [{ name: `${name}-control-plane`, role: 'control-plane' }];
  }

  async exec(
    cluster: string,
    node: string,
    argv: readonly string[],
    _options?: NodeExecOptions,
  ): Promise<NodeExecResult> {
    this.execs.push({ cluster, node, argv });
    return { exitCode: 0, stdout: '', stderr: '' };
  }
}

export const SCENARIO: ScenarioDetail = {
  id: 'demo',
  title: 'Demo scenario',
  domain: 'Cluster Hardening',
  difficulty: 'easy',
  minutes: 10,
  summary: 'A scenario for tests.',
  nodes: 1,
  instructions: '# Demo\n\nDo the thing.',
  tasks: [{ id: 't1', title: 'Task one', weight: 1, instructions: 'Make it so.' }],
  solution: '```bash\nkubectl apply -f fix.yaml\n```',
};

/** Scenario engine double: the demo scenario (or the catalog given); grade returns whatever the test sets. */
export class FakeScenarios implements ScenarioEngine {
  constructor(private readonly catalog: readonly ScenarioDetail[] = [SCENARIO]) {}

  grade_: LabGrade = {
    percent: 0,
    passed: false,
    durationMs: 5,
    tasks: [
      {
        taskId: 't1',
        title: 'Task one',
        status: 'fail',
        score: 0,
        maxScore: 1,
        checks: [{ name: 'c1', status: 'fail', message: 'expected x, found y', hint: 'look at x' }],
      },
    ],
  };
  readonly setups: string[] = [];
  /** Clusters images were loaded into. */
  readonly preloads: string[] = [];

  async list(): Promise<ScenarioSummary[]> {
    return this.catalog.map(
      ({ nodes: _n, instructions: _i, tasks: _t, solution: _s, ...summary }) => summary,
    );
  }
  async get(id: string) {
    return this.catalog.find((s) => s.id === id);
  }
  async preloadImages(cluster: string) {
    this.preloads.push(cluster);
  }
  async setup(cluster: string) {
    this.setups.push(cluster);
  }
  /** The signal of every grade started so far (a test sees whether one was cancelled). */
  readonly gradeSignals: AbortSignal[] = [];
  /** When set, a grade waits for it, or rejects as soon as its signal aborts (as the real grader does). */
  gradeGate: Promise<void> | undefined;

  async grade(_cluster: string, _scenarioId: string, signal: AbortSignal) {
    this.gradeSignals.push(signal);
    const gate = this.gradeGate;
    if (gate) {
      await new Promise<void>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        void gate.then(resolve);
      });
    }
    return this.grade_;
  }
}

/** What a fake shell was opened with: the node's container and the pty's command, environment and size. */
export interface OpenShellOptions extends ShellOptions {
  container: string;
}

/** A node shell whose two ends the test holds: `toBrowser` writes output, `fromBrowser` collects input. */
export interface FakeShell extends NodeShell {
  readonly options: OpenShellOptions;
  readonly input: string[];
  readonly resizes: { rows: number; cols: number }[];
  /** Writes output as the node's pty would. */
  output(data: string | Buffer): void;
  readonly closed: boolean;
}

export class FakeShells {
  readonly opened: FakeShell[] = [];
  /** When set, opening a shell waits for it (the Docker engine being slow). */
  gate: Promise<void> | undefined;
  /** When true, shells opened from now on never take their input (a stopped tmux): writes pile up unfinished. */
  stallInput = false;

  readonly open = async (options: OpenShellOptions): Promise<NodeShell> => {
    await this.gate;
    const outbound = new PassThrough();
    const input: string[] = [];
    const stalled = this.stallInput;
    const stream: Duplex = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        if (stalled) return; // never calls back: everything written after this waits in writableLength
        const text = chunk.toString('utf8');
        input.push(text);
        callback();
        // like tmux: the detach key ends this client, and with it the exec stream
        if (text === TMUX_DETACH_KEYS) setImmediate(() => stream.destroy());
      },
    });
    outbound.on('data', (chunk: Buffer) => stream.push(chunk));
    let closed = false;
    stream.on('close', () => (closed = true));
    const resizes: { rows: number; cols: number }[] = [];
    const shell: FakeShell = {
      options,
      input,
      resizes,
      stream,
      output: (data) => outbound.write(data),
      write: (data) => stream.write(data),
      resize: async (size) => {
        resizes.push(size);
      },
      close: () => stream.destroy(),
      get closed() {
        return closed;
      },
    };
    this.opened.push(shell);
    return shell;
  };

  last(): FakeShell {
    const shell = this.opened.at(-1);
    if (!shell) throw new Error('no shell was opened');
    return shell;
  }
}
