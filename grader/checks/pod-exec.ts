import { Writable } from 'node:stream';
import { Exec, type V1Status } from '@kubernetes/client-node';
import { findObjects, type KubeObject } from '../kube/objects.js';
import { OutputTooLargeError, POD_OUTPUT_LIMIT_BYTES } from '../output-limits.js';
import type { PodExecCheck } from '../schema/leaf-checks.js';
import type { NodeExecOutput, Verdict } from '../types.js';
import { fail, type CheckEnv } from './env.js';
import { describeArgv, judgeOutput } from './output.js';

export async function evaluatePodExec(check: PodExecCheck, env: CheckEnv): Promise<Verdict> {
  const pod = await findPod(check, env);
  if (typeof pod === 'string') return fail(pod);
  const podName = pod.metadata?.name ?? '';
  const container = check.container ?? defaultContainer(pod);
  const output = await execInPod(env, check.namespace, podName, container, check.argv);
  const where = `in pod "${podName}"${container ? ` (container "${container}")` : ''} in namespace "${check.namespace}"`;
  return judgeOutput(`${describeArgv(check.argv)} ${where}`, check, output);
}

/** The named pod, or the first running pod (by name) that the selector matches; a string says why there is none. */
async function findPod(check: PodExecCheck, env: CheckEnv): Promise<KubeObject | string> {
  const kube = await env.kube();
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace: check.namespace };
  const pods = await findObjects(
    kube,
    check.pod ? { ...ref, name: check.pod } : { ...ref, labelSelector: check.selector },
    env.signal,
  );
  const running = pods.find((pod) => (pod.status as { phase?: string } | undefined)?.phase === 'Running');
  if (running) return running;
  const target = check.pod ? `pod "${check.pod}"` : `a pod matching ${check.selector}`;
  if (pods.length === 0) return `expected ${target} in namespace "${check.namespace}", found none`;
  const phase = (pods[0]?.status as { phase?: string } | undefined)?.phase ?? 'unknown';
  return `expected ${target} in namespace "${check.namespace}" to be running, found phase ${phase}`;
}

function defaultContainer(pod: KubeObject): string | undefined {
  const annotations = pod.metadata?.annotations as Record<string, string> | undefined;
  const named = annotations?.['kubectl.kubernetes.io/default-container'];
  if (named) return named;
  const containers = (pod.spec as { containers?: { name: string }[] } | undefined)?.containers;
  return containers?.[0]?.name;
}

/** Kubernetes exec over a websocket; the status channel carries the exit code. Output is read up to a limit. */
async function execInPod(
  env: CheckEnv,
  namespace: string,
  pod: string,
  container: string | undefined,
  argv: string[],
): Promise<NodeExecOutput> {
  // the collectors close the websocket as soon as the output is over the limit
  const open: { socket?: Awaited<ReturnType<Exec['exec']>> } = {};
  const budget = { left: POD_OUTPUT_LIMIT_BYTES, exceeded: false };
  const stdout = collector(budget, () => open.socket?.close());
  const stderr = collector(budget, () => open.socket?.close());
  let settle: (status: V1Status | undefined) => void = () => undefined;
  const finished = new Promise<V1Status | undefined>((resolve) => (settle = resolve));
  let frameTooLarge = false;
  const socket = await new Exec(env.ctx.kubeConfig).exec(
    namespace,
    pod,
    container ?? '',
    argv,
    stdout.stream,
    stderr.stream,
    null,
    false,
    (status) => settle(status),
  );
  open.socket = socket;
  const closeOnAbort = () => socket.close();
  env.signal.addEventListener('abort', closeOnAbort, { once: true });
  socket.on('close', () => settle(undefined));
  // a single frame over the websocket's maxPayload (which the server's KubeConfig sets) is refused, not buffered
  socket.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') frameTooLarge = true;
  });
  if (budget.exceeded) socket.close(); // the first frames may already have gone over the limit
  try {
    const status = await finished;
    if (env.signal.aborted) throw env.signal.reason;
    if (budget.exceeded || frameTooLarge) {
      throw new OutputTooLargeError(
        `the output of ${describeArgv(argv)} in pod "${pod}" (namespace "${namespace}")`,
        POD_OUTPUT_LIMIT_BYTES,
      );
    }
    if (!status) throw new Error(`exec in pod "${pod}" ended without an exit status`);
    return {
      exitCode: exitCodeOf(status),
      stdout: stdout.text(),
      stderr: stderr.text() || failureText(status),
    };
  } finally {
    env.signal.removeEventListener('abort', closeOnAbort);
  }
}

function exitCodeOf(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  // a command that could not start (not found, not executable) reports no exit code
  return cause?.message ? Number(cause.message) : -1;
}

function failureText(status: V1Status): string {
  return status.status === 'Success' ? '' : (status.message ?? '');
}

/** Collects a stream into memory while the shared budget lasts; past it, drops the rest and calls onExceeded. */
function collector(
  budget: { left: number; exceeded: boolean },
  onExceeded: () => void,
): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!budget.exceeded && chunk.length <= budget.left) {
        budget.left -= chunk.length;
        chunks.push(chunk);
      } else if (!budget.exceeded) {
        budget.exceeded = true;
        onExceeded();
      }
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
