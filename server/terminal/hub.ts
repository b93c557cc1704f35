import type { NodeShell } from '../clusters/types.js';
import type { LabClusterProvider } from '../labs/deps.js';
import type { Logger } from '../log.js';
import type { Lab } from '../store/index.js';
import { AttachTurns } from './attach-turns.js';
import type { TerminalClient } from './client.js';
import type { TerminalSize } from './events.js';
import { FlowControl } from './flow-control.js';
import { resolveTerminalLimits, type TerminalLimits } from './limits.js';
import { OutputPump } from './output-pump.js';
import { ResizeCoalescer } from './resize-coalescer.js';
import type { TerminalRecorder } from './recordings.js';
import { ShadowViews } from './shadows.js';
import { hangUp } from './hang-up.js';
import { killTmuxSession, SHELL_ENV, TMUX_ATTACH_ARGV } from './tmux.js';

export type { TerminalClient } from './client.js';

export interface TerminalHubOptions {
  provider: LabClusterProvider;
  logger: Logger;
  /** How long a shell survives without a browser before its tmux session is killed. */
  graceMs: number;
  /** Called on learner input, so typing keeps the lab from expiring. */
  onActivity: (labId: string) => void;
  highWater?: number;
  lowWater?: number;
  /** Overrides of DEFAULT_TERMINAL_LIMITS (tests make them small). */
  limits?: Partial<TerminalLimits>;
  /** Keeps what every learner's terminal showed (asciicast); absent: recording is off. */
  recorder?: TerminalRecorder;
  /** The number of instructors watching a lab's shell changed. */
  onWatchers?: (labId: string, count: number) => void;
}

/** What became of a `terminal:input`: written, dropped because nothing is attached, or refused (with why). */
export type InputResult = 'written' | 'not-attached' | { refused: string };

interface Attachment {
  client: TerminalClient;
  lab: Lab;
  shell: NodeShell;
  pump: OutputPump;
  resizer: ResizeCoalescer;
  /** Set when the server closes the shell on purpose, so its end is not reported as the shell exiting. */
  closing: boolean;
}

/** The newest attach of a lab still opening its shell, so whoever overtakes it can tell its browser at once. */
interface PendingAttach {
  generation: number;
  client: TerminalClient;
  lab: Lab;
}

const kib = (bytes: number): string => `${Math.round(bytes / 1024)} KiB`;

/** One shell per lab: attach (or take over), pipe with flow control, detach, and reap after a grace period. */
export class TerminalHub {
  private readonly byLab = new Map<string, Attachment>();
  private readonly labOfClient = new Map<string, string>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  /** Bumped by every attach, and by whatever cancels the one in flight (the lab closing, its browser leaving). */
  private readonly attachGeneration = new Map<string, number>();
  private readonly pending = new Map<string, PendingAttach>();
  private readonly turns = new AttachTurns();
  /** The learner's latest terminal size per lab: watchers draw at it. */
  private readonly sizes = new Map<string, TerminalSize>();
  readonly limits: TerminalLimits;
  /** Instructors' read-only views of the learners' shells. */
  readonly shadows: ShadowViews;

  constructor(private readonly options: TerminalHubOptions) {
    this.limits = resolveTerminalLimits(options.limits);
    this.shadows = new ShadowViews({
      openShell: async (lab, shell) =>
        options.provider.openShell(lab.clusterName, await this.controlPlane(lab.clusterName), shell),
      logger: options.logger,
      limits: this.limits,
      highWater: options.highWater,
      lowWater: options.lowWater,
      learnerAttached: (labId) => this.byLab.has(labId),
      learnerSize: (labId) => this.sizes.get(labId),
      onWatchers: options.onWatchers ?? (() => undefined),
    });
  }

  /**
   * Attaches (or takes over) the lab's shell. Attaches of one lab open their shells in turns, newest last, and an
   * attach overtaken before its turn opens none: each shell's `tmux new-session -D` would detach the one before.
   * An overtaken attach's browser is told at once by whoever overtook it (replaced, or closed).
   */
  async attach(client: TerminalClient, lab: Lab, size: TerminalSize): Promise<void> {
    const generation = this.nextGeneration(lab.id);
    this.cancelGrace(lab.id);
    const overtaken = this.pending.get(lab.id);
    // the same browser attaching again learns the outcome from its newer attach
    if (overtaken && overtaken.client.id !== client.id) overtaken.client.status({ state: 'replaced' });
    this.pending.set(lab.id, { generation, client, lab });
    const previous = this.byLab.get(lab.id);
    if (previous) {
      if (previous.client.id !== client.id) previous.client.status({ state: 'replaced' });
      this.release(previous);
    }
    this.detachClientElsewhere(client.id, lab.id);

    const endTurn = await this.turns.take(lab.id);
    try {
      const node = await this.controlPlane(lab.clusterName);
      if (!this.isCurrent(lab.id, generation)) return; // overtaken while waiting: start no tmux client at all
      const shell = await this.options.provider.openShell(lab.clusterName, node, {
        argv: TMUX_ATTACH_ARGV,
        env: SHELL_ENV,
        size,
      });
      if (!this.isCurrent(lab.id, generation)) {
        // overtaken while the shell was opening: the next turn starts once this tmux client is gone
        await hangUp(shell);
        return;
      }
      this.adopt(client, lab, shell);
      this.options.recorder?.started(lab.id, size, lab.scenarioId);
      this.sizes.set(lab.id, size);
      this.shadows.follow(lab.id, size);
      this.shadows.learnerAttached(lab.id);
    } finally {
      if (this.pending.get(lab.id)?.generation === generation) this.pending.delete(lab.id);
      endTurn();
    }
  }

  /**
   * Writes learner input into the shell, within bounds: an event is at most maxInputChars, and what waits for
   * the shell to take it (the stream's write buffer) stays under maxPendingInputBytes. Past that the shell is
   * not reading (stopped, or the Docker connection is stuck) and the input is refused rather than queued.
   */
  input(clientId: string, data: string): InputResult {
    const attachment = this.attachmentOf(clientId);
    if (!attachment) return 'not-attached';
    const { maxInputChars, maxPendingInputBytes } = this.limits;
    if (data.length > maxInputChars) {
      return {
        refused: `Input events longer than ${maxInputChars} characters are refused; this one was dropped.`,
      };
    }
    const waiting = attachment.shell.stream.writableLength;
    if (waiting + Buffer.byteLength(data, 'utf8') > maxPendingInputBytes) {
      return {
        refused: `The shell is not taking input (${kib(waiting)} still waiting for it); what you typed or pasted was dropped.`,
      };
    }
    attachment.shell.write(data);
    this.options.onActivity(attachment.lab.id);
    return 'written';
  }

  /** Coalesced: at most one resize call in flight per shell, the latest size wins. */
  resize(clientId: string, size: TerminalSize): void {
    const attachment = this.attachmentOf(clientId);
    if (!attachment) return;
    attachment.resizer.request(size);
    this.sizes.set(attachment.lab.id, size);
    this.options.recorder?.resized(attachment.lab.id, size);
    this.shadows.follow(attachment.lab.id, size);
  }

  ack(clientId: string, chars: number): void {
    this.attachmentOf(clientId)?.pump.ack(chars);
  }

  /** The browser went away: close its stream now, kill the shell only if nobody comes back within the grace. */
  detach(clientId: string): void {
    this.abandonPending(clientId);
    const attachment = this.attachmentOf(clientId);
    this.labOfClient.delete(clientId);
    if (!attachment) return;
    this.release(attachment);
    this.armGrace(attachment.lab);
    this.options.logger.info({ lab: attachment.lab.id, client: clientId }, 'terminal detached');
  }

  /** A lab that left ready/grading loses its terminal; its cluster is going away or being rebuilt. */
  labChanged(lab: Lab): void {
    if (lab.state === 'ready' || lab.state === 'grading') return;
    this.cancelGrace(lab.id);
    const message =
      lab.state === 'provisioning'
        ? 'The lab is being reset; the terminal returns when it is ready.'
        : 'The lab has ended.';
    // an attach still opening its shell must not complete into a lab that is going away
    this.nextGeneration(lab.id);
    const pending = this.pending.get(lab.id);
    this.pending.delete(lab.id);
    pending?.client.status({ state: 'closed', message });
    this.shadows.labClosed(lab.id, message);
    const attachment = this.byLab.get(lab.id);
    if (!attachment) return;
    attachment.client.status({ state: 'closed', message });
    this.release(attachment);
  }

  /** Starts the grace countdown for a lab's shell (also used after a restart for labs nobody is attached to). */
  armGrace(lab: Lab): void {
    if (this.byLab.has(lab.id)) return;
    this.cancelGrace(lab.id);
    const timer = setTimeout(() => {
      this.graceTimers.delete(lab.id);
      void this.reap(lab);
    }, this.options.graceMs);
    timer.unref();
    this.graceTimers.set(lab.id, timer);
  }

  /** Server shutdown: drop the streams, leave the tmux sessions for the next start to find. */
  close(): void {
    this.shadows.close();
    for (const attachment of this.byLab.values()) this.release(attachment);
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }

  isReapScheduled(labId: string): boolean {
    return this.graceTimers.has(labId);
  }

  isAttached(labId: string): boolean {
    return this.byLab.has(labId);
  }

  /** The attach won: pipe the shell to the browser, which now owns the lab's terminal. */
  private adopt(client: TerminalClient, lab: Lab, shell: NodeShell): void {
    const attachment: Attachment = {
      client,
      lab,
      shell,
      pump: new OutputPump({
        stream: shell.stream,
        client,
        flow: new FlowControl(this.options.highWater, this.options.lowWater),
        limits: this.limits,
        logger: this.options.logger,
        labId: lab.id,
        onOutput: this.options.recorder && ((data) => this.options.recorder?.output(lab.id, data)),
      }),
      resizer: new ResizeCoalescer(
        (next) => shell.resize(next),
        (error) => this.options.logger.warn({ err: error, lab: lab.id }, 'resize failed'),
      ),
      closing: false,
    };
    this.byLab.set(lab.id, attachment);
    this.labOfClient.set(client.id, lab.id);
    this.pipe(attachment);
    client.status({ state: 'attached' });
    this.options.logger.info({ lab: lab.id, client: client.id }, 'terminal attached');
  }

  private pipe(attachment: Attachment): void {
    const { shell, client } = attachment;
    const ended = () => {
      if (attachment.closing) return;
      attachment.closing = true;
      attachment.pump.flush();
      this.forget(attachment);
      client.status({ state: 'exited' });
      this.options.logger.info({ lab: attachment.lab.id }, 'terminal shell exited');
    };
    shell.stream.on('end', ended);
    shell.stream.on('close', ended);
    shell.stream.on('error', (error) => {
      this.options.logger.warn({ err: error, lab: attachment.lab.id }, 'terminal stream error');
    });
  }

  private release(attachment: Attachment): void {
    attachment.closing = true;
    this.forget(attachment);
    void hangUp(attachment.shell);
  }

  private forget(attachment: Attachment): void {
    attachment.pump.stop();
    attachment.resizer.stop();
    if (this.byLab.get(attachment.lab.id) === attachment) this.byLab.delete(attachment.lab.id);
    if (this.labOfClient.get(attachment.client.id) === attachment.lab.id)
      this.labOfClient.delete(attachment.client.id);
  }

  private nextGeneration(labId: string): number {
    const generation = (this.attachGeneration.get(labId) ?? 0) + 1;
    this.attachGeneration.set(labId, generation);
    return generation;
  }

  private isCurrent(labId: string, generation: number): boolean {
    return this.attachGeneration.get(labId) === generation;
  }

  /** A browser that left while its attach was opening: that attach must not complete into nobody. */
  private abandonPending(clientId: string): void {
    for (const [labId, pending] of this.pending) {
      if (pending.client.id !== clientId) continue;
      this.pending.delete(labId);
      this.nextGeneration(labId);
      this.armGrace(pending.lab);
    }
  }

  private detachClientElsewhere(clientId: string, labId: string): void {
    const other = this.labOfClient.get(clientId);
    if (other && other !== labId) {
      const attachment = this.byLab.get(other);
      if (attachment?.client.id === clientId) this.release(attachment);
    }
  }

  private attachmentOf(clientId: string): Attachment | undefined {
    const labId = this.labOfClient.get(clientId);
    const attachment = labId ? this.byLab.get(labId) : undefined;
    return attachment?.client.id === clientId ? attachment : undefined;
  }

  private cancelGrace(labId: string): void {
    const timer = this.graceTimers.get(labId);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(labId);
  }

  private async controlPlane(cluster: string): Promise<string> {
    const nodes = await this.options.provider.nodes(cluster);
    const node = nodes.find((n) => n.role === 'control-plane');
    if (!node) throw new Error(`cluster ${cluster} has no control-plane node`);
    return node.name;
  }

  private async reap(lab: Lab): Promise<void> {
    try {
      const node = await this.controlPlane(lab.clusterName);
      const killed = await killTmuxSession(this.options.provider, lab.clusterName, node);
      this.options.logger.info({ lab: lab.id, killed }, 'reaped the shell of a lab nobody is attached to');
    } catch (error) {
      // the cluster may be gone already (lab ended): nothing left to reap
      this.options.logger.warn({ err: error, lab: lab.id }, 'reaping the lab shell failed');
    }
  }
}
