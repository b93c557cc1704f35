import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiException, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { bashFromPipe, describeRef } from '../../grader/index.js';
import { applyObjects, parseManifest } from './apply.js';
import type { ApplyStep, CopyStep, DeleteStep, ScriptStep, Step } from './step-schema.js';
import type { ScenarioTarget } from './target.js';
import { waitFor } from './wait.js';

/** Where the learner's kubectl finds the cluster on the control-plane node; scripts get the same. */
const NODE_KUBECONFIG = '/etc/kubernetes/admin.conf';
const OUTPUT_TAIL_CHARS = 1500;

export interface StepContext {
  target: ScenarioTarget;
  /** Scenario folder: step files are relative to it. */
  dir: string;
  info: (message: string) => void;
  signal?: AbortSignal;
}

export async function runStep(step: Step, ctx: StepContext): Promise<void> {
  switch (step.kind) {
    case 'apply':
      return applyStep(step, ctx);
    case 'copy':
      return copyStep(step, ctx);
    case 'script':
      return scriptStep(step, ctx);
    case 'wait':
      return waitFor(step, ctx.target, ctx.signal);
    case 'delete':
      return deleteStep(step, ctx);
  }
}

/** A short label for progress output. */
export function summarizeStep(step: Step): string {
  if (step.name) return step.name;
  switch (step.kind) {
    case 'apply':
      return `apply ${step.file === undefined ? 'inline manifest' : [step.file].flat().join(', ')}`;
    case 'copy':
      return `copy ${step.from} to ${step.node}:${step.to}`;
    case 'script':
      return `script ${step.file ?? 'inline'} on ${step.node}`;
    case 'wait':
      return step.for === 'apiserverHealthy'
        ? 'wait for the API server'
        : `wait for ${step.resource ? describeRef(step.resource) : '?'} ${step.for}`;
    case 'delete':
      return `delete ${describeRef(step.resource)}`;
  }
}

async function applyStep(step: ApplyStep, ctx: StepContext): Promise<void> {
  const sources =
    step.file === undefined
      ? [{ origin: 'inline manifest', text: step.manifest ?? '' }]
      : await Promise.all(
          [step.file]
            .flat()
            .map(async (file) => ({ origin: file, text: await readFile(resolve(ctx.dir, file), 'utf8') })),
        );
  const objects = sources.flatMap((source) => parseManifest(source.text, source.origin));
  await withApiMessages(() =>
    applyObjects(ctx.target.kube, objects, { namespace: step.namespace, onApplied: ctx.info }),
  );
}

async function copyStep(step: CopyStep, ctx: StepContext): Promise<void> {
  const content = await readFile(resolve(ctx.dir, step.from));
  const nodes = step.node === 'all' ? Object.values(ctx.target.nodes) : [nodeFor(ctx.target, step.node)];
  for (const node of nodes) {
    await ctx.target.provider.copyToNode(ctx.target.cluster, node, content, step.to, parseInt(step.mode, 8));
  }
}

async function scriptStep(step: ScriptStep, ctx: StepContext): Promise<void> {
  const read = (file: string) => readFile(resolve(ctx.dir, file), 'utf8');
  const includes = await Promise.all((step.include ?? []).map(read));
  const main = step.file === undefined ? (step.script ?? '') : await read(step.file);
  const script = [...includes, main].join('\n');
  const node = nodeFor(ctx.target, step.node);
  const result = await ctx.target.provider.exec(
    ctx.target.cluster,
    node,
    bashFromPipe(['-euo', 'pipefail']),
    {
      input: script,
      timeoutMs: step.timeoutSeconds * 1000,
      env: { KUBECONFIG: NODE_KUBECONFIG },
      allowFailure: true,
      signal: ctx.signal,
    },
  );
  ctx.target.logger.debug(
    { node, exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr },
    'script step',
  );
  if (result.exitCode !== 0) {
    const output = `${result.stderr}\n${result.stdout}`.trim();
    const tail = output.length > OUTPUT_TAIL_CHARS ? `…${output.slice(-OUTPUT_TAIL_CHARS)}` : output;
    throw new Error(
      `script ${step.file ?? '(inline)'} on ${node} exited with ${result.exitCode}${tail ? `:\n${tail}` : ''}`,
    );
  }
}

async function deleteStep(step: DeleteStep, ctx: StepContext): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(ctx.target.kube.kubeConfig);
  const ref = step.resource;
  const targets = ref.name ? [{ name: ref.name, namespace: ref.namespace }] : await listTargets(ctx, step);
  for (const { name, namespace } of targets) {
    const spec: KubernetesObject = {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: { name, namespace },
    };
    await withApiMessages(async () => {
      try {
        await api.delete(spec);
        ctx.info(`deleted ${ref.kind} ${name}`);
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 404)) throw error;
      }
    });
  }
  if (step.wait)
    await waitFor(
      { kind: 'wait', for: 'absent', resource: ref, timeoutSeconds: step.timeoutSeconds },
      ctx.target,
      ctx.signal,
    );
}

/**
 * The objects a selector matches, each with its own namespace: without a `namespace` the list spans every
 * namespace, and a delete by name alone would go to "default".
 */
async function listTargets(
  ctx: StepContext,
  step: DeleteStep,
): Promise<{ name: string; namespace: string | undefined }[]> {
  const { rest, discovery } = ctx.target.kube;
  const ref = step.resource;
  const path = await discovery.path({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    namespace: ref.namespace,
  });
  const list = (await rest.get(path, {
    labelSelector: ref.labelSelector,
    fieldSelector: ref.fieldSelector,
  })) as {
    items?: KubernetesObject[];
  };
  return (list.items ?? []).flatMap((item) =>
    item.metadata?.name ? [{ name: item.metadata.name, namespace: item.metadata.namespace }] : [],
  );
}

function nodeFor(target: ScenarioTarget, role: 'control-plane' | 'worker'): string {
  const node = target.nodes[role];
  if (!node)
    throw new Error(`cluster "${target.cluster}" has no ${role} node; the scenario needs "nodes: 2"`);
  return node;
}

/** client-node's ApiException prints headers and JSON; keep the API server's own sentence. */
async function withApiMessages<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ApiException) {
      const body = (typeof error.body === 'string' ? safeJson(error.body) : error.body) as
        { message?: string } | undefined;
      throw new Error(`the API server answered HTTP ${error.code}: ${body?.message ?? String(error.body)}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { message: text };
  }
}
