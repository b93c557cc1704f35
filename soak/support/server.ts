// One cks-lab server across kill -9 and restarts: same data dir and port (so the printed URL and the learners'
// cookies stay valid), started through test/e2e/server-process.ts, with the pid its RSS is read from.
import { pathExists } from '../../server/files/missing-ok.js';
import { startServerProcess, type ServerProcess } from '../../test/e2e/server-process.js';
import { pidListeningOn } from './port-owner.js';

export class SoakServer {
  private process: ServerProcess | undefined;
  private serverPid: number | null = null;
  private earlierOutput = '';
  /** How many times the server was started (1 + restarts). */
  starts = 0;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    /** Runs before every start (the run's guard against deleting other people's clusters: see run.ts). */
    private readonly beforeStart: () => Promise<void> = async () => undefined,
  ) {}

  /** Starts the server and waits for its URLs; rejects with its output when it does not come up. */
  async start(startTimeoutMs = 120_000): Promise<void> {
    if (this.process) throw new Error('the soak server is already running');
    await this.beforeStart();
    this.process = await startServerProcess({
      dataDir: this.dataDir,
      port: this.port,
      env: this.env,
      startTimeoutMs,
    });
    this.starts += 1;
    this.serverPid = await pidListeningOn(this.port);
    if (this.serverPid === null) throw new Error(`no process listens on port ${this.port} after the start`);
  }

  /** SIGKILL: no shutdown handler runs (what a crash or an OOM kill does). */
  async kill9(): Promise<void> {
    const current = this.process;
    if (!current) return;
    this.process = undefined;
    this.serverPid = null;
    await current.kill9();
    this.earlierOutput += `${current.output()}\n----- killed with SIGKILL -----\n`;
  }

  async restart(): Promise<void> {
    await this.kill9();
    await this.start();
  }

  get running(): boolean {
    return this.process !== undefined;
  }

  pid(): number | null {
    return this.serverPid;
  }

  /** False when the server process died without us killing it (a crash). */
  async alive(): Promise<boolean> {
    return this.serverPid !== null && (await pathExists(`/proc/${this.serverPid}`));
  }

  private get current(): ServerProcess {
    if (!this.process) throw new Error('the soak server is not running');
    return this.process;
  }

  get origin(): string {
    return this.current.origin;
  }

  get openUrl(): string {
    return this.current.openUrl;
  }

  get instructorUrl(): string {
    return this.current.instructorUrl;
  }

  /** Everything every incarnation printed (stdout and its pino log on stderr). */
  output(): string {
    return this.earlierOutput + (this.process?.output() ?? '');
  }
}
