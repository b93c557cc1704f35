/** Progress of long work (image build, cluster create, lab start): steps that start and end. */
export type ProgressEvent =
  | { kind: 'start'; step: string; index: number; total: number }
  | { kind: 'end'; step: string; index: number; total: number; durationMs: number }
  | { kind: 'info'; step: string; message: string }
  | { kind: 'fail'; step: string; error: string };

export type ProgressSink = (event: ProgressEvent) => void;

export const silentProgress: ProgressSink = () => undefined;

export interface Step<C> {
  name: string;
  run: (ctx: C, info: (message: string) => void) => Promise<void>;
}

/** Runs steps in order, reporting start/end to the sink (kind's create actions do the same). */
export async function runSteps<C>(steps: readonly Step<C>[], ctx: C, sink: ProgressSink): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const started = Date.now();
    sink({ kind: 'start', step: step.name, index: i + 1, total: steps.length });
    try {
      await step.run(ctx, (message) => sink({ kind: 'info', step: step.name, message }));
    } catch (error) {
      sink({ kind: 'fail', step: step.name, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    sink({
      kind: 'end',
      step: step.name,
      index: i + 1,
      total: steps.length,
      durationMs: Date.now() - started,
    });
  }
}
