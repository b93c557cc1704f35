import { run } from '../exec/run.js';

/** bash's own verdict on a script's syntax (`bash -n` reads without running); undefined when it parses. */
export async function bashSyntaxError(script: string): Promise<string | undefined> {
  const result = await run(['bash', '-n'], {
    input: script,
    timeoutMs: 10_000,
    allowFailure: true,
    maxOutputBytes: 64 * 1024,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
  });
  if (result.exitCode === 0) return undefined;
  return result.stderr.trim().split('\n').slice(0, 5).join('\n') || `bash -n exited with ${result.exitCode}`;
}
