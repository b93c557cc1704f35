import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Kill the command after this many milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Written to the command's stdin, which is then closed. */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called with each complete line of output as it arrives (progress, logs). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting kills the command; an already-aborted signal rejects at once and nothing is started. */
  signal?: AbortSignal;
  /** Resolve instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** 'inherit' attaches this process's stdin/stdout/stderr (interactive commands); output is then not captured. */
  stdio?: 'pipe' | 'inherit';
  /**
   * Most bytes of output (stdout and stderr together) to capture; at the limit the command is killed and run
   * rejects with OutputLimitError (default 8 MiB), so a command writing endlessly cannot fill this process's memory.
   */
  maxOutputBytes?: number;
}

export interface RunResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
const TAIL_CHARS = 4000;

/** A command failed: carries the command line and the tail of its output so errors explain themselves. */
export class CommandError extends Error {
  constructor(
    readonly result: RunResult,
    readonly reason: 'exit' | 'timeout' | 'spawn' | 'aborted' | 'output',
  ) {
    const output = tail(`${result.stderr}\n${result.stdout}`.trim());
    const why =
      reason === 'timeout'
        ? 'timed out'
        : reason === 'spawn'
          ? 'could not start'
          : reason === 'aborted'
            ? 'was cancelled'
            : reason === 'output'
              ? 'printed more output than is read, and was killed'
              : `exited with code ${result.exitCode}`;
    super(`command ${why}: ${result.command}${output ? `\n${output}` : ''}`);
    this.name = 'CommandError';
  }
}

/** The command's output reached maxOutputBytes: it was killed there; `result` holds the output up to the limit. */
export class OutputLimitError extends CommandError {
  constructor(
    result: RunResult,
    readonly limitBytes: number,
  ) {
    super(result, 'output');
    this.name = 'OutputLimitError';
  }
}

/** Shell-quoted form of argv, for logs and error messages only (never executed by a shell). */
export function prettyCommand(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function tail(text: string): string {
  return text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text;
}

/** Runs argv (no shell) with a timeout; rejects with CommandError unless allowFailure. */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = argv;
  if (!file) throw new Error('run: empty argv');
  const command = prettyCommand(argv);
  const started = Date.now();
  // 'abort' never fires again for a signal that already fired: without this the command would run unchecked
  if (options.signal?.aborted) {
    const result: RunResult = { command, exitCode: -1, stdout: '', stderr: '', durationMs: 0 };
    return Promise.reject(new CommandError(result, 'aborted'));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: options.stdio === 'inherit' ? 'inherit' : ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const partial = { stdout: '', stderr: '' };
    const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    let captured = 0;
    let overflowed = false;
    let reason: CommandError['reason'] | undefined;
    const timer = setTimeout(() => {
      reason = 'timeout';
      child.kill('SIGKILL');
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const onAbort = () => {
      reason = 'aborted';
      child.kill('SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const collect = (stream: 'stdout' | 'stderr', sink: Buffer[]) => (data: Buffer) => {
      if (overflowed) return; // killed already; what still drains from the pipe is dropped
      const chunk =
        data.length > maxOutputBytes - captured ? data.subarray(0, maxOutputBytes - captured) : data;
      captured += chunk.length;
      sink.push(chunk);
      if (chunk !== data) {
        overflowed = true;
        reason ??= 'output';
        child.kill('SIGKILL');
        // a grandchild may still hold the pipes open; close them so 'close' fires now
        child.stdout?.destroy();
        child.stderr?.destroy();
      }
      if (!options.onLine) return;
      const lines = (partial[stream] + chunk.toString('utf8')).split(/\r?\n/);
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) options.onLine(line, stream);
    };
    child.stdout?.on('data', collect('stdout', out));
    child.stderr?.on('data', collect('stderr', err));
    child.stdin?.on('error', () => undefined); // the command may exit before reading its input
    child.stdin?.end(options.input ?? '');

    const finish = (exitCode: number) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (options.onLine) {
        for (const s of ['stdout', 'stderr'] as const) if (partial[s]) options.onLine(partial[s], s);
      }
      const result: RunResult = {
        command,
        exitCode,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        durationMs: Date.now() - started,
      };
      if (reason === 'output') reject(new OutputLimitError(result, maxOutputBytes));
      else if (reason) reject(new CommandError(result, reason));
      else if (exitCode !== 0 && !options.allowFailure) reject(new CommandError(result, 'exit'));
      else resolve(result);
    };
    child.on('error', (error) => {
      reason = 'spawn';
      const result: RunResult = { command, exitCode: -1, stdout: '', stderr: error.message, durationMs: 0 };
      clearTimeout(timer);
      reject(new CommandError(result, 'spawn'));
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/** True when the program can be started (on PATH or an absolute path). */
export async function commandExists(file: string): Promise<boolean> {
  try {
    await run([file, '--version'], { timeoutMs: 10_000, allowFailure: true });
    return true;
  } catch (error) {
    if (error instanceof CommandError && error.reason === 'spawn') return false;
    throw error;
  }
}
