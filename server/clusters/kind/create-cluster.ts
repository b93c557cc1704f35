import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { CommandError } from '../../exec/run.js';
import { ensureLabFirewall, iptablesFor, labBridgeName } from '../../host-firewall/index.js';
import { kubeConfigFor, type CredentialStore } from '../../kube/index.js';
import { runSteps, silentProgress, type Step } from '../../progress.js';
import type { ClusterInfo, ClusterNode, CreateClusterOptions } from '../types.js';
import { Deadline } from './deadline.js';
import { deleteKindCluster } from './delete-cluster.js';
import {
  CKS_LAB_CLUSTER_LABEL,
  KIND_CLUSTER_LABEL,
  containerIp,
  containersWithLabel,
  createNetwork,
  dockerReachable,
  imageExists,
  networkExists,
} from './docker.js';
import { ClusterCreateError, InvalidArgumentError } from '../errors.js';
import { installRootKubeconfig, setExamHostnames } from './exam-identity.js';
import { captureGraderCredentials } from './grader-credentials.js';
import { addExamHostAliases, examName } from './host-aliases.js';
import { kindCreateCluster, kindGetClusters, kindGetNodes } from './kind-cli.js';
import { bootstrapToken, renderKindConfig } from './kind-config.js';
import { kindProgressLine, summarizeKindFailure } from './kind-output.js';
import { nodeDiagnostics } from './node-diagnostics.js';
import { applyNodeLimits } from './node-limits.js';
import { clusterNodes, networkName, validateClusterName } from './names.js';
import { waitForCoreDnsReady, waitForNodeAgentsReady, waitForNodesReady } from './readiness.js';
import { setUpSshMesh, type SshNode } from './ssh-mesh.js';
import { withTempDir } from './temp-dir.js';

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

interface CreateContext {
  kind: string;
  name: string;
  nodeCount: 1 | 2;
  image: string;
  network: string;
  kindKubeconfigPath: string;
  deadline: Deadline;
  /** What this attempt made, so a failure removes exactly that and never someone else's cluster. */
  created: { network: boolean; nodes: boolean };
  credentials: CredentialStore;
  kubeConfig?: KubeConfig;
  nodes?: ClusterNode[];
}

function nodesOf(ctx: CreateContext): ClusterNode[] {
  if (!ctx.nodes) throw new Error('internal: cluster nodes are not known yet');
  return ctx.nodes;
}

/** Runs kind create; on failure the error keeps kind's ERROR line and kubeadm's own messages, not its stack dump. */
async function kindCreate(ctx: CreateContext, info: (message: string) => void): Promise<void> {
  try {
    await kindCreateCluster(ctx.kind, {
      name: ctx.name,
      image: ctx.image,
      config: renderKindConfig({ nodes: ctx.nodeCount, bootstrapToken: bootstrapToken() }),
      network: ctx.network,
      kubeconfigPath: ctx.kindKubeconfigPath,
      timeoutMs: ctx.deadline.remainingMs(),
      signal: ctx.deadline.signal,
      onLine: (line) => {
        const text = kindProgressLine(line);
        if (text) info(text);
      },
    });
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const { command, exitCode, stdout, stderr } = error.result;
    const how =
      error.reason === 'exit'
        ? `exited with code ${exitCode}`
        : error.reason === 'timeout'
          ? 'ran out of time'
          : 'was cancelled';
    throw new Error(`${command} ${how}:\n${summarizeKindFailure(`${stderr}\n${stdout}`)}`, {
      cause: error,
    });
  }
}

/** `ssh controlplane` and `ssh node01` from every node's root shell, as in the exam. */
async function setUpNodeSsh(ctx: CreateContext, info: (message: string) => void): Promise<void> {
  const nodes = nodesOf(ctx);
  const sshNodes: SshNode[] = [];
  for (const node of nodes) {
    const name = examName(node, nodes);
    if (name)
      sshNodes.push({ name: node.name, examName: name, ip: await containerIp(node.name, ctx.network) });
  }
  await setUpSshMesh(sshNodes, ctx.deadline);
  info(`ssh ${sshNodes.map((node) => node.examName).join(' / ')} works from every node`);
}

const steps: Step<CreateContext>[] = [
  {
    name: 'check prerequisites',
    run: async (ctx) => {
      const docker = await dockerReachable();
      if (!docker.ok)
        throw new Error(`no Docker engine answers (${docker.reason}): run \`npx cks-lab host prepare\``);
      if (!(await imageExists(ctx.image))) {
        throw new Error(
          `node image ${ctx.image} is not in the Docker engine: run \`npx cks-lab image build\``,
        );
      }
      if ((await kindGetClusters(ctx.kind)).includes(ctx.name)) {
        throw new Error(
          `cluster "${ctx.name}" already exists: delete it (\`cks-lab cluster delete ${ctx.name}\`) or pick another name`,
        );
      }
      const leftovers = await containersWithLabel(KIND_CLUSTER_LABEL, ctx.name);
      if (leftovers.length || (await networkExists(ctx.network))) {
        const what = [...leftovers, ...(leftovers.length ? [] : [`network ${ctx.network}`])].join(', ');
        throw new Error(
          `leftovers of an earlier cluster "${ctx.name}" exist (${what}): run \`cks-lab cluster delete ${ctx.name}\``,
        );
      }
    },
  },
  {
    // before the network exists, so no packet of the lab ever passes unfiltered
    name: 'lab firewall',
    run: async (ctx, info) => {
      info(await ensureLabFirewall(await iptablesFor({ image: ctx.image })));
    },
  },
  {
    name: 'create Docker network',
    run: async (ctx, info) => {
      const bridge = labBridgeName(ctx.name);
      await createNetwork(ctx.network, { [CKS_LAB_CLUSTER_LABEL]: ctx.name }, bridge);
      ctx.created.network = true;
      info(`${ctx.network} (bridge ${bridge})`);
    },
  },
  {
    name: 'create nodes (kind)',
    run: async (ctx, info) => {
      ctx.created.nodes = true;
      await kindCreate(ctx, info);
      const names = await kindGetNodes(ctx.kind, ctx.name);
      ctx.nodes = clusterNodes(ctx.name, names);
      if (ctx.nodes.length !== ctx.nodeCount) {
        throw new Error(
          `kind created ${names.length} node(s) (${names.join(', ')}), expected ${ctx.nodeCount}`,
        );
      }
    },
  },
  {
    // before anyone has a shell in the node: from here on nothing is read from its kubeconfig files
    name: 'capture grader credentials',
    run: async (ctx, info) => {
      const credentials = await captureGraderCredentials(ctx.name, ctx.credentials, ctx.deadline);
      ctx.kubeConfig = kubeConfigFor(credentials);
      info(credentials.server);
    },
  },
  {
    // independent docker work on the nodes, done together while the control plane settles
    name: 'configure nodes (limits, exam host names, kubeconfig, ssh)',
    run: async (ctx, info) => {
      const nodes = nodesOf(ctx);
      // allSettled: a failure is reported only after the others stopped touching the nodes clean-up removes
      const outcomes = await Promise.allSettled([
        applyNodeLimits(nodes).then(info),
        // in order: ssh checks each login by the hostname, and needs the aliases in /etc/hosts (a keyscan
        // before them fails and waits for the next poll)
        (async () => {
          await setExamHostnames(nodes);
          await installRootKubeconfig(nodes);
          await addExamHostAliases(nodes, ctx.network);
          await setUpNodeSsh(ctx, info);
        })(),
      ]);
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    },
  },
  {
    name: 'wait for nodes Ready',
    run: async (ctx) => {
      if (!ctx.kubeConfig) throw new Error('internal: no kubeconfig yet');
      await waitForNodesReady(ctx.kubeConfig, ctx.nodeCount, ctx.deadline);
    },
  },
  {
    name: 'wait for CoreDNS and the node agents',
    run: async (ctx) => {
      if (!ctx.kubeConfig) throw new Error('internal: no kubeconfig yet');
      // together: on one node the agents are Ready long before CoreDNS; a worker's may come a little later
      await Promise.all([
        waitForCoreDnsReady(ctx.kubeConfig, ctx.deadline),
        waitForNodeAgentsReady(ctx.kubeConfig, ctx.nodeCount, ctx.deadline),
      ]);
    },
  },
];

async function cleanUp(kind: string, ctx: CreateContext): Promise<string> {
  try {
    if (ctx.created.nodes || ctx.created.network) await deleteKindCluster(kind, ctx.name, ctx.credentials);
    return ctx.created.nodes || ctx.created.network ? 'Everything this attempt created was removed.' : '';
  } catch (error) {
    return `Cleaning up also failed, run \`cks-lab cluster delete ${ctx.name}\`: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Creates a kind cluster as an ordered list of steps; on failure removes what it created and says why. */
export async function createKindCluster(
  kind: string,
  name: string,
  options: CreateClusterOptions & { image: string; credentials: CredentialStore },
): Promise<ClusterInfo> {
  validateClusterName(name);
  if (options.nodes !== 1 && options.nodes !== 2) {
    throw new InvalidArgumentError(`invalid node count "${String(options.nodes)}": use 1 or 2`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Deadline.in(timeoutMs, options.signal);
  return withTempDir('cks-lab-kind-', async (dir) => {
    const ctx: CreateContext = {
      kind,
      name,
      nodeCount: options.nodes,
      image: options.image,
      network: networkName(name),
      kindKubeconfigPath: join(dir, 'kubeconfig'),
      deadline,
      created: { network: false, nodes: false },
      credentials: options.credentials,
    };
    let failedStep = '';
    const sink = options.progress ?? silentProgress;
    try {
      await runSteps(steps, ctx, (event) => {
        if (event.kind === 'fail') failedStep = event.step;
        sink(event);
      });
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      const diagnostics = ctx.created.nodes ? await nodeDiagnostics(name) : '';
      const cleanup = await cleanUp(kind, ctx);
      const message = [
        `creating cluster "${name}" failed at "${failedStep}": ${cause}`,
        diagnostics,
        cleanup,
      ];
      throw new ClusterCreateError(name, failedStep, message.filter(Boolean).join('\n'));
    }
    return { name, nodes: nodesOf(ctx) };
  });
}
