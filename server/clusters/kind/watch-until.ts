import { Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { pause, type Deadline } from './deadline.js';

export interface ListResult<T> {
  items: T[];
  metadata?: { resourceVersion?: string };
}

export interface WatchUntilOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  /** API path of the collection, e.g. /api/v1/nodes. */
  path: string;
  /** Extra query parameters for the watch (a labelSelector matching the list's). */
  query?: Record<string, string>;
  list: () => Promise<ListResult<T>>;
  /** True once the collection is in the wanted state. */
  satisfied: (items: T[]) => boolean;
  /** What is still missing, for the timeout error. */
  describe: (items: T[]) => string;
  /** "nodes to be Ready", for messages. */
  what: string;
  deadline: Deadline;
}

const RETRY_PAUSE_MS = 2000;

function keyOf(object: KubernetesObject): string {
  return object.metadata?.uid ?? `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the API server within ${ms} ms ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Lists, then watches from the list's resourceVersion until the collection satisfies the predicate; re-lists when
 * a watch ends (client-node closes idle watches after 30 s) or the API server is not answering yet. Throws at the
 * deadline with what is still missing.
 */
export async function watchUntil<T extends KubernetesObject>(options: WatchUntilOptions<T>): Promise<T[]> {
  const objects = new Map<string, T>();
  let lastProblem: string | undefined;
  const current = () => [...objects.values()];
  for (;;) {
    if (options.deadline.signal?.aborted) throw new Error(`cancelled while waiting for ${options.what}`);
    const remaining = options.deadline.remainingMs();
    if (remaining === 0) {
      const state = lastProblem ?? options.describe(current());
      throw new Error(`timed out waiting for ${options.what}: ${state}`);
    }
    try {
      const listed = await withTimeout(
        options.list(),
        Math.min(remaining, 30_000),
        `listing ${options.path}`,
      );
      objects.clear();
      for (const item of listed.items) objects.set(keyOf(item), item);
      lastProblem = undefined;
      if (options.satisfied(current())) return current();
      const outcome = await watchOnce(options, objects, listed.metadata?.resourceVersion);
      if (outcome === 'satisfied') return current();
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
      await pause(Math.min(RETRY_PAUSE_MS, options.deadline.remainingMs()), options.deadline.signal);
    }
  }
}

/** One watch connection: resolves 'satisfied', or 'ended' when the server, the idle timer or the deadline ends it. */
function watchOnce<T extends KubernetesObject>(
  options: WatchUntilOptions<T>,
  objects: Map<string, T>,
  resourceVersion: string | undefined,
): Promise<'satisfied' | 'ended'> {
  return new Promise((resolve, reject) => {
    let controller: AbortController | undefined;
    let outcome: 'satisfied' | 'ended' | undefined;
    const finish = (result: 'satisfied' | 'ended') => {
      if (outcome) return;
      outcome = result;
      clearTimeout(timer);
      options.deadline.signal?.removeEventListener('abort', stop);
      controller?.abort();
      resolve(result);
    };
    const stop = () => finish('ended');
    const timer = setTimeout(stop, options.deadline.remainingMs());
    options.deadline.signal?.addEventListener('abort', stop, { once: true });

    const onEvent = (phase: string, object: T) => {
      if (outcome) return;
      if (phase === 'ERROR') return finish('ended'); // e.g. 410 Gone: the caller re-lists
      if (phase === 'DELETED') objects.delete(keyOf(object));
      else if (phase === 'ADDED' || phase === 'MODIFIED') objects.set(keyOf(object), object);
      if (options.satisfied([...objects.values()])) finish('satisfied');
    };
    const onDone = (error: unknown) => {
      if (outcome) return;
      // client-node reports its idle timeout as an error; a fresh list and watch is the remedy for both
      if (error && !(error instanceof DOMException && error.name === 'TimeoutError')) {
        clearTimeout(timer);
        options.deadline.signal?.removeEventListener('abort', stop);
        outcome = 'ended';
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      finish('ended');
    };
    const query = { ...options.query, allowWatchBookmarks: true, resourceVersion };
    new Watch(options.kubeConfig).watch(options.path, query, onEvent, onDone).then(
      (started) => {
        controller = started;
        if (outcome) started.abort(); // finished before the connection object was handed back
      },
      (error: unknown) => onDone(error),
    );
  });
}
