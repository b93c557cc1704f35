import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const DAEMON_JSON_PATH = '/etc/docker/daemon.json';
export const CLAMP_RUNTIME_NAME = 'cks-lab-runc-clamp';
export const CLAMP_INSTALL_PATH = '/usr/local/sbin/cks-lab-runc-clamp';

type DaemonConfig = Record<string, unknown>;

/** Parses daemon.json text; a syntax error names file:line:column. */
export function parseDaemonConfig(text: string, file: string): DaemonConfig {
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? file : `${file}:${lineAndColumn(text, Number(position))}`;
    throw new Error(`${where}: invalid JSON (${message}); fix or remove the file, then run again`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file}: must hold a JSON object; fix or remove the file, then run again`);
  }
  return parsed as DaemonConfig;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/**
 * Adds the clamp runtime and makes it the default, keeping every other setting. Refuses to replace another
 * default runtime the admin chose (that would silently change how all their containers run).
 */
export function withClampRuntime(
  config: DaemonConfig,
  file: string,
): { config: DaemonConfig; changed: boolean } {
  const runtimes = config.runtimes ?? {};
  if (typeof runtimes !== 'object' || runtimes === null || Array.isArray(runtimes)) {
    throw new Error(`${file}: "runtimes" must be an object; fix it, then run again`);
  }
  const current = config['default-runtime'];
  if (current !== undefined && current !== 'runc' && current !== CLAMP_RUNTIME_NAME) {
    throw new Error(
      `${file}: "default-runtime" is "${String(current)}"; cks-lab needs "${CLAMP_RUNTIME_NAME}" there so privileged ` +
        'containers start on this host. Remove or change that setting yourself, then run again.',
    );
  }
  const wanted = { path: CLAMP_INSTALL_PATH };
  const existing = (runtimes as Record<string, unknown>)[CLAMP_RUNTIME_NAME];
  const changed = current !== CLAMP_RUNTIME_NAME || JSON.stringify(existing) !== JSON.stringify(wanted);
  return {
    config: {
      ...config,
      runtimes: { ...runtimes, [CLAMP_RUNTIME_NAME]: wanted },
      'default-runtime': CLAMP_RUNTIME_NAME,
    },
    changed,
  };
}

/** Merges the clamp into daemon.json (atomically); returns whether the file changed. */
export async function registerClampRuntime(file = DAEMON_JSON_PATH): Promise<boolean> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { config, changed } = withClampRuntime(parseDaemonConfig(text, file), file);
  if (!changed) return false;
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.cks-lab-partial`;
  await writeFile(partial, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
  await rename(partial, file);
  return true;
}
