import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../../server/exec/run.js';
import { log } from '../../../server/log.js';
import type { ProgressSink } from '../../../server/progress.js';
import { findGo } from '../../runc-clamp/find-go.js';
import { GO_TOOLS, type GoTool } from './go-tools/catalog.js';
import { cacheRoot as defaultCacheRoot } from '../../../server/files/cache-root.js';
import { pathExists } from '../../../server/files/missing-ok.js';

const SCRIPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'go-tools');
const STEP = 'build Go tools';

export interface BuildGoToolsOptions {
  progress: ProgressSink;
  /** Build just these tools (default: every tool that is not optional). */
  only?: string[];
  signal?: AbortSignal;
  /** For tests: another tool table, scripts folder (versions.env is beside it) and cache root. */
  tools?: readonly GoTool[];
  scriptsDir?: string;
  cacheRoot?: string;
}

/**
 * Builds (or reuses) the offline image's tools from the Go module proxy and returns tool name -> absolute path of
 * its result: the binary for one-binary tools, else the folder holding its files. Each tool is cached in
 * <cacheRoot>/bin/<tool>-<hash of its script, inputs and versions.env>, so an unchanged tool costs a hash.
 * Every requested tool is attempted; failures are reported together at the end.
 */
export async function buildGoTools(options: BuildGoToolsOptions): Promise<Record<string, string>> {
  const catalog = options.tools ?? GO_TOOLS;
  const scriptsDir = options.scriptsDir ?? SCRIPTS_DIR;
  const cacheRoot = options.cacheRoot ?? defaultCacheRoot();
  const selected = selectTools(catalog, options.only);
  let env: Promise<NodeJS.ProcessEnv> | undefined;
  const buildEnvOnce = () => (env ??= buildEnv()); // cache hits need no Go toolchain

  const results: Record<string, string> = {};
  const failures: string[] = [];
  for (const [index, tool] of selected.entries()) {
    const step = `${STEP}: ${tool.name}`;
    const started = Date.now();
    options.progress({ kind: 'start', step, index: index + 1, total: selected.length });
    try {
      results[tool.name] = await buildTool(tool, {
        scriptsDir,
        cacheRoot,
        env: buildEnvOnce,
        step,
        progress: options.progress,
        signal: options.signal,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.progress({ kind: 'fail', step, error: message });
      if (options.signal?.aborted) throw error;
      failures.push(`${tool.name}: ${message}`);
      continue;
    }
    const durationMs = Date.now() - started;
    options.progress({ kind: 'end', step, index: index + 1, total: selected.length, durationMs });
  }
  if (failures.length) {
    throw new Error(
      `could not build ${failures.length} of ${selected.length} Go tools (the others are cached):\n\n${failures.join('\n\n')}`,
    );
  }
  return results;
}

function selectTools(catalog: readonly GoTool[], only: string[] | undefined): GoTool[] {
  if (!only) return catalog.filter((tool) => !tool.optional);
  const known = new Set(catalog.map((tool) => tool.name));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new Error(
      `buildGoTools: unknown tool(s) ${unknown.map((n) => `"${n}"`).join(', ')} in "only"; known tools: ${[...known].join(', ')}`,
    );
  }
  return catalog.filter((tool) => only.includes(tool.name));
}

/** The scripts call `go`; put the toolchain we find on PATH even when the caller's PATH lacks it. */
async function buildEnv(): Promise<NodeJS.ProcessEnv> {
  const go = await findGo();
  if (!go) {
    throw new Error(
      'building the offline image tools needs Go 1.26 or newer (gVisor requires it): install it into /usr/local/go or put go on PATH',
    );
  }
  return { ...process.env, PATH: `${dirname(go)}:${process.env.PATH ?? ''}` };
}

interface BuildContext {
  scriptsDir: string;
  cacheRoot: string;
  env: () => Promise<NodeJS.ProcessEnv>;
  step: string;
  progress: ProgressSink;
  signal?: AbortSignal;
}

async function buildTool(tool: GoTool, ctx: BuildContext): Promise<string> {
  const script = join(ctx.scriptsDir, `${tool.name}.sh`);
  const id = `${tool.name}-${await cacheKey(tool, script, ctx.scriptsDir)}`;
  const outDir = join(ctx.cacheRoot, 'bin', id);
  const result = tool.result ? join(outDir, tool.result) : outDir;
  if (await pathExists(outDir)) {
    log.debug({ tool: tool.name, outDir }, 'go tool cached');
    return result;
  }

  const env = await ctx.env();
  const workDir = join(ctx.cacheRoot, 'go', id);
  const partial = `${outDir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    const built = await run(['bash', script, workDir, partial], {
      env,
      timeoutMs: tool.timeoutMinutes * 60_000,
      signal: ctx.signal,
      // the scripts print a few status and version lines on stdout; go's download chatter stays on stderr
      onLine: (line, stream) => {
        if (stream === 'stdout' && line.trim()) ctx.progress({ kind: 'info', step: ctx.step, message: line });
      },
    });
    if (tool.result && !(await pathExists(join(partial, tool.result)))) {
      throw new Error(`${script} succeeded but left no ${tool.result} in its output folder`);
    }
    await publish(partial, outDir);
    log.info({ tool: tool.name, outDir, durationMs: built.durationMs }, 'built go tool');
    return result;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** Renames the finished folder into place; a concurrent builder that got there first wins. */
async function publish(partial: string, outDir: string): Promise<void> {
  try {
    await rename(partial, outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && (await pathExists(outDir))) return;
    throw error;
  }
}

/**
 * 12 hex of sha256 over the script, its declared inputs (names included, so moves count) and the versions.env
 * entries they name: pinning another tool's version does not rebuild this one (Kubernetes takes 15 minutes).
 */
async function cacheKey(tool: GoTool, script: string, scriptsDir: string): Promise<string> {
  const files: [string, string][] = [
    [`${tool.name}.sh`, script],
    ...tool.inputs.map((input): [string, string] => [input, join(scriptsDir, input)]),
  ];
  const hash = createHash('sha256');
  const texts: string[] = [];
  for (const [name, path] of files) {
    const content = await readInput(tool, path);
    texts.push(content.toString('utf8'));
    hash.update(`${name}\0`).update(content).update('\0');
  }
  const versions = (await readInput(tool, join(scriptsDir, '..', 'versions.env'))).toString('utf8');
  for (const line of versions.split('\n')) {
    const key = /^([A-Z0-9_]+)=/.exec(line.trim())?.[1];
    if (key && texts.some((text) => new RegExp(`\\b${key}\\b`).test(text))) hash.update(`${line.trim()}\0`);
  }
  return hash.digest('hex').slice(0, 12);
}

async function readInput(tool: GoTool, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`Go tool "${tool.name}" needs ${path}, which does not exist`, { cause: error });
  }
}
