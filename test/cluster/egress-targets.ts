// Things a lab must not reach, made real on a machine without internet: an "outside world" network namespace behind
// a veth pair, holding the cloud metadata address and a documentation address with an HTTP listener, routed from
// the host like a cloud's metadata service or the internet would be (through FORWARD); and an HTTP listener on
// all of this host's addresses, standing in for the lab server's port (reached through INPUT). Each answers with
// TARGET_MARK, so a probe can tell "answered" from anything else.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '../../server/exec/run.js';

export const TARGET_MARK = 'cks-egress-target-answered';
/**
 * A cloud metadata address beyond the node: AWS ECS's task-credentials endpoint. 169.254.169.254 itself is answered
 * inside every node by cks-lab's stand-in (infra/imds), so a copy of it on the host would never be reached.
 */
export const METADATA_IP = '169.254.170.2';
/** TEST-NET-2 (RFC 5737): never a real host, so a route to it here steals nobody's traffic. */
export const OUTSIDE_IP = '198.51.100.7';

export interface EgressTargets {
  /** The host's address on the veth towards the outside namespace: one of this host's own addresses. */
  hostVethIp: string;
  /** Port of the listener on all of this host's addresses. */
  hostPort: number;
  close(): Promise<void>;
}

async function ip(...args: string[]): Promise<void> {
  await run(['ip', ...args], { timeoutMs: 30_000 });
}

/** Starts a process and resolves once it prints `line` (the listener is up); rejects if it exits or stays silent. */
function startAndWaitFor(argv: string[], line: string, timeoutMs: number): Promise<ChildProcess> {
  const [file, ...args] = argv;
  const child = spawn(file ?? '', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${argv.join(' ')} did not print "${line}" within ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    const onData = (data: Buffer) => {
      output += data.toString('utf8');
      if (output.includes(line)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')} exited with ${String(code)}: ${output}`));
    });
  });
}

const LISTENER = `require('node:http').createServer((q, s) => s.end(${JSON.stringify(TARGET_MARK)}))
  .listen(80, '0.0.0.0', () => console.log('listening'));`;

/** Sets up both targets; close() removes every piece it added (routes, veth, namespace, listeners). */
export async function startEgressTargets(): Promise<EgressTargets> {
  const tag = randomBytes(3).toString('hex');
  const namespace = `cks-egress-${tag}`;
  const hostVeth = `egt-${tag}`;
  const outsideVeth = `ego-${tag}`;
  // a /30 of the benchmarking range (RFC 2544), picked at random so two runs do not collide
  const subnet = `198.18.${randomInt(256)}.${randomInt(64) * 4}`;
  const [a, b, c, d] = subnet.split('.').map(Number) as [number, number, number, number];
  const hostVethIp = `${a}.${b}.${c}.${d + 1}`;
  const outsideVethIp = `${a}.${b}.${c}.${d + 2}`;
  const undo: (() => Promise<void>)[] = [];
  let listener: ChildProcess | undefined;
  let hostServer: Server | undefined;

  const close = async () => {
    hostServer?.closeAllConnections();
    await new Promise<void>((resolve) => (hostServer ? hostServer.close(() => resolve()) : resolve()));
    listener?.kill('SIGKILL');
    const failures: string[] = [];
    for (const step of undo.reverse()) {
      await step().catch((error: unknown) => failures.push(String(error)));
    }
    if (failures.length) throw new Error(`removing the egress targets failed:\n${failures.join('\n')}`);
  };

  try {
    await ip('netns', 'add', namespace);
    undo.push(() => ip('netns', 'del', namespace));
    await ip('link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', outsideVeth);
    undo.push(() => ip('link', 'del', hostVeth)); // takes its peer along
    await ip('link', 'set', outsideVeth, 'netns', namespace);
    await ip('addr', 'add', `${hostVethIp}/30`, 'dev', hostVeth);
    await ip('link', 'set', hostVeth, 'up');
    const inside = (...args: string[]) => ip('netns', 'exec', namespace, 'ip', ...args);
    await inside('link', 'set', 'lo', 'up');
    await inside('addr', 'add', `${outsideVethIp}/30`, 'dev', outsideVeth);
    await inside('link', 'set', outsideVeth, 'up');
    await inside('addr', 'add', `${METADATA_IP}/32`, 'dev', 'lo');
    await inside('addr', 'add', `${OUTSIDE_IP}/32`, 'dev', 'lo');
    await inside('route', 'add', 'default', 'via', hostVethIp);
    for (const target of [METADATA_IP, OUTSIDE_IP]) {
      await ip('route', 'add', `${target}/32`, 'via', outsideVethIp);
      undo.push(() => ip('route', 'del', `${target}/32`));
    }
    listener = await startAndWaitFor(
      ['ip', 'netns', 'exec', namespace, process.execPath, '-e', LISTENER],
      'listening',
      30_000,
    );
    hostServer = createServer((_request, response) => response.end(TARGET_MARK));
    await new Promise<void>((resolve) => hostServer!.listen(0, '0.0.0.0', resolve));
  } catch (error) {
    await close().catch((cleanupError: unknown) => {
      throw new AggregateError(
        [error, cleanupError],
        'setting up the egress targets failed, and so did undoing it',
      );
    });
    throw error;
  }
  const hostPort = (hostServer.address() as AddressInfo).port;
  return { hostVethIp, hostPort, close };
}
