import { setTimeout as sleep } from 'node:timers/promises';
import { firstLine } from '../labs/errors.js';
import type { Logger } from '../log.js';
import type { ProgressSink } from '../progress.js';
import { problemLine } from './host-action.js';
import {
  IMAGE_BUILD,
  planPlatform,
  type PlatformFacts,
  type PlatformPlan,
  type PlatformTask,
} from './plan.js';
import type { PlatformReadiness } from './readiness.js';
import type { PlatformProblem } from './types.js';

/** The real work, injected so tests never prepare a host or build an image. */
export interface PlatformPreparationDeps {
  readFacts(): Promise<PlatformFacts>;
  /** The same code as `cks-lab host prepare`. */
  prepareHost(progress: ProgressSink): Promise<void>;
  /** This checkout's node image, built unless it exists (force: even then). */
  buildImage(progress: ProgressSink, force: boolean): Promise<void>;
}

export interface PlatformPreparationOptions {
  readiness: PlatformReadiness;
  /** Build what is missing (serve --build-missing); otherwise only say what to run and wait for it. */
  build: boolean;
  deps: PlatformPreparationDeps;
  logger: Logger;
  /** Lines for the person at the server's terminal: each problem once, and when the platform becomes ready. */
  say: (line: string) => void;
  /** Every progress event of the tasks also goes here (the terminal's progress printer). */
  progress?: ProgressSink;
  /** How long to wait before looking again while blocked or after a failure. */
  recheckMs?: number;
}

const TASK_LABELS: Record<PlatformTask['kind'], string> = {
  host: 'preparing the host (packages, Docker engine, kernel settings)',
  image: 'building the node image',
};

const DOCTOR = 'npx cks-lab doctor';

/**
 * Gets the platform ready while the server already serves the catalog: does what planPlatform says (host
 * preparation as root, the node image build), feeding the readiness tracker, then keeps looking every recheckMs
 * until the platform is ready, so a command run by hand in another terminal (sudo host prepare, image build) is
 * picked up without a restart. A failed build is never started again on its own.
 */
export class PlatformPreparation {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private taskRunning = false;
  private attempted = false;
  private said = '';

  constructor(private readonly options: PlatformPreparationOptions) {}

  /** The first look, before the server listens: marks the platform ready when nothing is missing. */
  async check(): Promise<PlatformPlan> {
    const plan = await this.look();
    if (plan.kind === 'ready') this.options.readiness.ready();
    return plan;
  }

  /** Works on the plan in the background; check() gave it. */
  start(plan: PlatformPlan): void {
    this.running ??= this.loop(plan).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'preparing the lab platform failed');
      this.options.readiness.fail({
        message: `Preparing the lab platform failed: ${firstLine(error)}.`,
        command: DOCTOR,
      });
    });
  }

  /** A host preparation or image build runs right now (it cannot be cancelled; stopping the server cuts it off). */
  get busy(): boolean {
    return this.taskRunning;
  }

  /** Stops looking; a task in flight runs on until the process exits. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (!this.taskRunning) await this.running;
  }

  private async loop(first: PlatformPlan): Promise<void> {
    const { readiness } = this.options;
    let plan = first;
    while (!this.stopping.signal.aborted) {
      if (plan.kind === 'ready') {
        readiness.ready();
        this.say('the lab platform is ready: labs can start');
        return;
      }
      if (plan.kind === 'blocked') {
        readiness.block(plan.problem);
        this.say(problemLine(plan.problem));
      } else if (!this.attempted) {
        // once only: after a failure the person fixes it (the problem says how) and the next look sees the result
        this.attempted = true;
        if (await this.runTasks(plan.tasks)) {
          plan = await this.look();
          continue;
        }
      }
      if (!(await this.pause())) return;
      plan = await this.look();
    }
  }

  private async runTasks(tasks: readonly PlatformTask[]): Promise<boolean> {
    const { readiness, deps, logger } = this.options;
    const tee: ProgressSink = (event) => {
      readiness.progress(event);
      this.options.progress?.(event);
    };
    for (const [index, task] of tasks.entries()) {
      readiness.beginTask(TASK_LABELS[task.kind], index + 1, tasks.length);
      logger.info({ task: task.kind }, `lab platform: ${TASK_LABELS[task.kind]}`);
      this.taskRunning = true;
      try {
        if (task.kind === 'host') await deps.prepareHost(tee);
        else await deps.buildImage(tee, task.force);
      } catch (error) {
        if (this.stopping.signal.aborted) return false;
        logger.error({ err: error, task: task.kind }, 'preparing the lab platform failed');
        const problem = failure(task, error);
        readiness.fail(problem);
        this.say(problemLine(problem));
        return false;
      } finally {
        this.taskRunning = false;
      }
    }
    return true;
  }

  private async look(): Promise<PlatformPlan> {
    try {
      return planPlatform(await this.options.deps.readFacts(), { build: this.options.build });
    } catch (error) {
      this.options.logger.error({ err: error }, 'checking the lab platform failed');
      return {
        kind: 'blocked',
        problem: {
          message: `Checking the Docker engine and the node image failed: ${firstLine(error)}.`,
          command: DOCTOR,
        },
      };
    }
  }

  /** Waits recheckMs; false when stopped meanwhile. */
  private async pause(): Promise<boolean> {
    try {
      await sleep(this.options.recheckMs ?? 10_000, undefined, { signal: this.stopping.signal });
      return true;
    } catch (error) {
      if (this.stopping.signal.aborted) return false;
      throw error;
    }
  }

  /** The same line is not repeated at every look. */
  private say(line: string): void {
    if (line === this.said) return;
    this.said = line;
    this.options.say(line);
  }
}

function failure(task: PlatformTask, error: unknown): PlatformProblem {
  if (task.kind === 'host') {
    return {
      message: `Preparing the host failed: ${firstLine(error)}. Running it by hand shows every step; labs start by themselves once the engine answers and the node image exists.`,
      command: 'sudo npx cks-lab host prepare',
    };
  }
  return {
    message: `Building the node image failed: ${firstLine(error)}. Running the build by hand shows its whole output; labs start by themselves once the image exists.`,
    command: IMAGE_BUILD,
  };
}
