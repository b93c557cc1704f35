import { run as defaultRun, type RunOptions, type RunResult } from '../exec/run.js';

type CommandRunner = (argv: readonly string[], options?: RunOptions) => Promise<RunResult>;

/** The label that records which build inputs produced an image; equal hash = nothing to rebuild. */
export const CONTENT_HASH_LABEL = 'io.cks-lab.content-hash';

/** The image's content-hash label ('' when unlabelled), or null when the image does not exist locally. */
export async function imageLabel(
  ref: string,
  runCommand: CommandRunner = defaultRun,
): Promise<string | null> {
  const result = await runCommand(
    [
      'docker',
      'image',
      'inspect',
      '--format',
      `{{ index .Config.Labels "${CONTENT_HASH_LABEL}" }}`,
      '--',
      ref,
    ],
    { allowFailure: true, timeoutMs: 30_000 },
  );
  if (result.exitCode !== 0) {
    if (/no such image/i.test(result.stderr)) return null;
    throw new Error(
      `could not inspect image ${ref}: ${result.stderr.trim() || `exit code ${result.exitCode}`}`,
    );
  }
  const label = result.stdout.trim();
  return label === '<no value>' ? '' : label;
}
