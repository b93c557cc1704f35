import type { NodeShell, ShellOptions } from '../clusters/types.js';
import type { Logger } from '../log.js';
import type { Lab } from '../store/index.js';
import type { TerminalClient } from './client.js';
import type { TerminalSize } from './events.js';
import { FlowControl } from './flow-control.js';
import { hangUp } from './hang-up.js';
import type { TerminalLimits } from './limits.js';
import { OutputPump } from './output-pump.js';
import { ResizeCoalescer } from './resize-coalescer.js';
import { SHELL_ENV, TMUX_SHADOW_ARGV } from './tmux.js';

/** A watcher's browser: besides output and status it is told the learner's terminal size, to draw at that size. */
export interface ShadowClient extends TerminalClient {
  follow(size: TerminalSize): void;
}

export interface ShadowViewsOptions {
  /** Opens a pty on the lab's control-plane node. */
  openShell: (lab: Lab, options: ShellOptions) => Promise<NodeShell>;
  logger: Logger;
  limits: TerminalLimits;
  highWater?: number;
  lowWater?: number;
  /** Whether the learner's browser holds the shell now (there is something to watch). */
  learnerAttached: (labId: string) => boolean;
  /** The learner's terminal size, when known. */
  learnerSize: (labId: string) => TerminalSize | undefined;
  /** The number of watchers of a lab changed (the learner is told they are being watched). */
  onWatchers: (labId: string, count: number) => void;
}

interface View {
  shell: NodeShell;
  pump: OutputPump;
  resizer: ResizeCoalescer;
  openedAt: number;
  closing: boolean;
}

interface Watcher {
  client: ShadowClient;
  lab: Lab;
  view?: View;
  opening: boolean;
  /** Views in a row that ended within QUICK_END_MS: a node that keeps refusing is not asked forever. */
  quickEnds: number;
}

const DEFAULT_SIZE: TerminalSize = { rows: 24, cols: 80 };
const QUICK_END_MS = 2_000;
const MAX_QUICK_ENDS = 3;
const NOT_OPEN =
  "The learner's terminal is not open right now; this view comes back by itself when they open it.";

/**
 * Read-only live views of learners' shells, for instructors. Each watcher gets its own tmux client of the lab's
 * session (read-only, ignore-size) with its own flow control, so a slow viewer never holds the learner back. The
 * learner's own attach (`new-session -D`) detaches every other client, so a view that ends while the learner is
 * attached is opened again, and a learner who (re)attaches brings back the views that were waiting.
 */
export class ShadowViews {
  private readonly byLab = new Map<string, Map<string, Watcher>>();
  private readonly labOfClient = new Map<string, string>();

  constructor(private readonly options: ShadowViewsOptions) {}

  count(labId: string): number {
    return this.byLab.get(labId)?.size ?? 0;
  }

  /** Starts (or, after the view ended, restarts) watching a lab's shell. */
  watch(client: ShadowClient, lab: Lab): void {
    const existing = this.byLab.get(lab.id)?.get(client.id);
    if (existing) {
      existing.quickEnds = 0;
      this.open(existing);
      return;
    }
    const watcher: Watcher = { client, lab, opening: false, quickEnds: 0 };
    const watchers = this.byLab.get(lab.id) ?? new Map<string, Watcher>();
    watchers.set(client.id, watcher);
    this.byLab.set(lab.id, watchers);
    this.labOfClient.set(client.id, lab.id);
    this.options.onWatchers(lab.id, watchers.size);
    this.options.logger.info({ lab: lab.id, client: client.id }, 'an instructor is watching a terminal');
    this.open(watcher);
  }

  unwatch(clientId: string): void {
    const watcher = this.watcherOf(clientId);
    this.labOfClient.delete(clientId);
    if (!watcher) return;
    const watchers = this.byLab.get(watcher.lab.id);
    watchers?.delete(clientId);
    if (watchers?.size === 0) this.byLab.delete(watcher.lab.id);
    this.closeView(watcher);
    this.options.onWatchers(watcher.lab.id, watchers?.size ?? 0);
  }

  ack(clientId: string, chars: number): void {
    this.watcherOf(clientId)?.view?.pump.ack(chars);
  }

  /** The learner attached: views waiting for a shell open now. */
  learnerAttached(labId: string): void {
    for (const watcher of this.byLab.get(labId)?.values() ?? []) {
      watcher.quickEnds = 0;
      this.open(watcher);
    }
  }

  /** The learner's terminal changed size: every view draws at the new size. */
  follow(labId: string, size: TerminalSize): void {
    for (const watcher of this.byLab.get(labId)?.values() ?? []) {
      watcher.client.follow(size);
      watcher.view?.resizer.request(size);
    }
  }

  /** The lab left ready/grading (reset, ended): its views close, the watchers stay for when it is back. */
  labClosed(labId: string, message: string): void {
    for (const watcher of this.byLab.get(labId)?.values() ?? []) {
      this.closeView(watcher);
      watcher.client.status({ state: 'closed', message });
    }
  }

  close(): void {
    for (const watchers of this.byLab.values())
      for (const watcher of watchers.values()) this.closeView(watcher);
  }

  private open(watcher: Watcher): void {
    if (watcher.view || watcher.opening) return;
    const { lab, client } = watcher;
    if (!this.options.learnerAttached(lab.id)) {
      client.status({ state: 'closed', message: NOT_OPEN });
      return;
    }
    watcher.opening = true;
    const size = this.options.learnerSize(lab.id) ?? DEFAULT_SIZE;
    client.follow(size);
    this.options.openShell(lab, { argv: TMUX_SHADOW_ARGV, env: SHELL_ENV, size }).then(
      (shell) => {
        watcher.opening = false;
        // the watcher left while the view was opening
        if (this.watcherOf(client.id) !== watcher) void hangUp(shell);
        else this.adopt(watcher, shell);
      },
      (error: unknown) => {
        watcher.opening = false;
        this.options.logger.warn({ err: error, lab: lab.id }, 'opening a watch view failed');
        client.status({ state: 'error', message: "Could not open a view of the learner's terminal." });
      },
    );
  }

  private adopt(watcher: Watcher, shell: NodeShell): void {
    const { client, lab } = watcher;
    const view: View = {
      shell,
      pump: new OutputPump({
        stream: shell.stream,
        client,
        flow: new FlowControl(this.options.highWater, this.options.lowWater),
        limits: this.options.limits,
        logger: this.options.logger,
        labId: lab.id,
      }),
      resizer: new ResizeCoalescer(
        (next) => shell.resize(next),
        (error) => this.options.logger.warn({ err: error, lab: lab.id }, 'resizing a watch view failed'),
      ),
      openedAt: Date.now(),
      closing: false,
    };
    watcher.view = view;
    const ended = (): void => {
      if (view.closing) return;
      view.closing = true;
      view.pump.flush();
      this.forgetView(watcher, view);
      // the learner's own attach detaches every other tmux client: reopen while the learner is there
      watcher.quickEnds = Date.now() - view.openedAt < QUICK_END_MS ? watcher.quickEnds + 1 : 0;
      if (this.watcherOf(client.id) !== watcher) return;
      if (watcher.quickEnds <= MAX_QUICK_ENDS && this.options.learnerAttached(lab.id)) this.open(watcher);
      else client.status({ state: 'closed', message: NOT_OPEN });
    };
    shell.stream.on('end', ended);
    shell.stream.on('close', ended);
    shell.stream.on('error', (error) =>
      this.options.logger.warn({ err: error, lab: lab.id }, 'watch view stream error'),
    );
    client.status({ state: 'attached' });
  }

  private closeView(watcher: Watcher): void {
    const { view } = watcher;
    if (!view) return;
    view.closing = true;
    this.forgetView(watcher, view);
    void hangUp(view.shell);
  }

  private forgetView(watcher: Watcher, view: View): void {
    view.pump.stop();
    view.resizer.stop();
    if (watcher.view === view) watcher.view = undefined;
  }

  private watcherOf(clientId: string): Watcher | undefined {
    const labId = this.labOfClient.get(clientId);
    return labId ? this.byLab.get(labId)?.get(clientId) : undefined;
  }
}
