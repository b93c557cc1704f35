import type { Command } from 'commander';
import { createClusterProvider } from '../../clusters/index.js';
import {
  ClusterCreateError,
  ClusterNotFoundError,
  InvalidArgumentError,
  MissingPrerequisiteError,
} from '../../clusters/errors.js';
import { resolveNode, validateClusterName } from '../../clusters/kind/names.js';
import { InvalidCredentialsError, MissingCredentialsError } from '../../kube/index.js';
import { formatDuration, printProgress } from '../progress-printer.js';
import { UserError } from '../user-error.js';

const DEFAULT_EXEC_TIMEOUT_S = 3600;

/** `--nodes` value → 1 or 2, or a usage error naming the option. */
export function parseNodeCount(value: string): 1 | 2 {
  if (value === '1') return 1;
  if (value === '2') return 2;
  throw new UserError(
    `invalid --nodes "${value}": use 1 (control-plane only) or 2 (control-plane + worker)`,
    2,
  );
}

/** A positive whole number of seconds → milliseconds, or a usage error naming the option. */
export function parseSeconds(option: string, value: string): number {
  if (!/^[1-9]\d*$/.test(value))
    throw new UserError(`invalid ${option} "${value}": use a whole number of seconds`, 2);
  return Number(value) * 1000;
}

/** Validates NAME before anything runs, so bad input changes nothing. */
export function parseClusterName(value: string): string {
  return asUserError(() => validateClusterName(value, 'NAME'));
}

/** Errors a user can act on print as one message (no stack); usage errors exit 2. */
function asUserError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toUserError(error);
  }
}

function toUserError(error: unknown): unknown {
  if (error instanceof InvalidArgumentError) return new UserError(error.message, 2);
  const actionable = [
    ClusterNotFoundError,
    ClusterCreateError,
    MissingPrerequisiteError,
    MissingCredentialsError,
    InvalidCredentialsError,
  ];
  if (actionable.some((kind) => error instanceof kind)) return new UserError((error as Error).message);
  return error;
}

async function userErrors(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    throw toUserError(error);
  }
}

export function registerClusterCommands(program: Command): void {
  const cluster = program.command('cluster').description('kind clusters on this host');

  cluster
    .command('create')
    .description('create a cluster on its own Docker network and wait until it is ready')
    .argument('<name>', 'cluster name: 1-32 of a-z, 0-9, "-"')
    .option('--nodes <count>', '1 (control-plane only) or 2 (control-plane + worker)', '1')
    .option('--image <image>', 'node image (default: the one `cks-lab image build` makes)')
    .option('--timeout <seconds>', 'give up and clean up after this long', '600')
    .action((rawName: string, opts: { nodes: string; image?: string; timeout: string }) =>
      userErrors(async () => {
        const name = parseClusterName(rawName);
        const nodes = parseNodeCount(opts.nodes);
        const timeoutMs = parseSeconds('--timeout', opts.timeout);
        const started = Date.now();
        const info = await createClusterProvider().create(name, {
          nodes,
          image: opts.image,
          timeoutMs,
          progress: printProgress(),
        });
        const nodeNames = info.nodes.map((node) => node.name).join(', ');
        process.stdout.write(
          `cluster ${name} ready (${nodeNames}) in ${formatDuration(Date.now() - started)}\n`,
        );
      }),
    );

  cluster
    .command('delete')
    .description('delete a cluster with its containers, volumes and network (no error if it does not exist)')
    .argument('<name>', 'cluster name')
    .action((rawName: string) =>
      userErrors(async () => {
        const name = parseClusterName(rawName);
        const started = Date.now();
        await createClusterProvider().delete(name);
        process.stdout.write(`cluster ${name} deleted in ${formatDuration(Date.now() - started)}\n`);
      }),
    );

  cluster
    .command('list')
    .description('names of the kind clusters on this host, one per line')
    .action(() =>
      userErrors(async () => {
        for (const name of await createClusterProvider().list()) process.stdout.write(`${name}\n`);
      }),
    );

  cluster
    .command('kubeconfig')
    .description('print a kubeconfig for kubectl on this host (--internal: for use inside the nodes)')
    .argument('<name>', 'cluster name')
    .option('--internal', 'address the API server as the nodes see it')
    .action((rawName: string, opts: { internal?: boolean }) =>
      userErrors(async () => {
        const name = parseClusterName(rawName);
        process.stdout.write(
          await createClusterProvider().kubeconfig(name, { internal: Boolean(opts.internal) }),
        );
      }),
    );

  cluster
    .command('exec')
    .description('run a command on a node with this terminal attached; exits with its exit code')
    .argument('<name>', 'cluster name')
    .argument('<command...>', 'command and arguments (put -- before them)')
    .option('--node <node>', 'node name, or controlplane / node01 (default: the control-plane)')
    .option('--timeout <seconds>', 'stop the command after this long', String(DEFAULT_EXEC_TIMEOUT_S))
    .action((rawName: string, argv: string[], opts: { node?: string; timeout: string }) =>
      userErrors(async () => {
        const name = parseClusterName(rawName);
        const timeoutMs = parseSeconds('--timeout', opts.timeout);
        const provider = createClusterProvider();
        const node = resolveNode(await provider.nodes(name), opts.node);
        // a TTY only when both ends are terminals: -t would turn piped output's newlines into \r\n
        const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
        process.exitCode = await provider.execAttached(name, node.name, argv, { tty, timeoutMs });
      }),
    );
}
