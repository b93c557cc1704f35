import { request } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The few Docker Engine API calls an interactive shell needs. The docker CLI cannot be used here: `docker exec
 * -it` refuses to start when its own stdin is not a terminal ("the input device is not a TTY"), and a pty on the
 * server would need a native module. The Engine API allocates the pty in the container and hands back the raw
 * stream (HTTP upgrade), with a resize call, so the server only pipes bytes.
 */
export interface DockerEndpoint {
  socketPath: string;
}

export class DockerApiError extends Error {
  constructor(
    readonly call: string,
    readonly status: number,
    detail: string,
  ) {
    super(`Docker Engine API ${call} answered ${status}: ${detail}`);
    this.name = 'DockerApiError';
  }
}

const DEFAULT_SOCKET = '/var/run/docker.sock';
const CALL_TIMEOUT_MS = 15_000;

/** Where the engine listens: DOCKER_HOST when it is a unix socket, else the default socket. */
export function dockerEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): DockerEndpoint {
  const host = env.DOCKER_HOST;
  if (!host) return { socketPath: DEFAULT_SOCKET };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  throw new Error(
    `DOCKER_HOST=${host} is not supported by the lab terminal: run the server on the Docker host (unix socket).`,
  );
}

function call(
  endpoint: DockerEndpoint,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: endpoint.socketPath,
        method,
        path,
        headers: payload
          ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
          : {},
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          if (text && res.headers['content-type']?.includes('json')) {
            try {
              json = JSON.parse(text);
            } catch (error) {
              reject(
                new DockerApiError(`${method} ${path}`, res.statusCode ?? 0, `bad JSON (${String(error)})`),
              );
              return;
            }
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function failure(callName: string, status: number, json: unknown): DockerApiError {
  const message =
    typeof json === 'object' && json && 'message' in json
      ? String((json as { message: unknown }).message)
      : String(json);
  return new DockerApiError(callName, status, message);
}

export interface ExecSpec {
  container: string;
  argv: readonly string[];
  env: Record<string, string>;
  workingDir?: string;
}

/** Creates an exec with a pty in the container; returns its id. */
export async function createTtyExec(endpoint: DockerEndpoint, spec: ExecSpec): Promise<string> {
  const path = `/containers/${encodeURIComponent(spec.container)}/exec`;
  const { status, json } = await call(endpoint, 'POST', path, {
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Cmd: spec.argv,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    WorkingDir: spec.workingDir,
  });
  if (status !== 201) throw failure('exec create', status, json);
  return (json as { Id: string }).Id;
}

/** Starts the exec and returns the raw, bidirectional pty stream (no multiplexing with a tty). */
export function startTtyExec(endpoint: DockerEndpoint, execId: string): Promise<Duplex> {
  const payload = JSON.stringify({ Detach: false, Tty: true });
  return new Promise((resolve, reject) => {
    const req = request({
      socketPath: endpoint.socketPath,
      method: 'POST',
      path: `/exec/${encodeURIComponent(execId)}/start`,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
        Connection: 'Upgrade',
        Upgrade: 'tcp',
      },
    });
    const timer = setTimeout(
      () => req.destroy(new Error('exec start: no answer from the Docker engine')),
      CALL_TIMEOUT_MS,
    );
    req.on('upgrade', (_res, socket, head) => {
      clearTimeout(timer);
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    req.on('response', (res) => {
      clearTimeout(timer);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        reject(
          new DockerApiError(
            'exec start',
            res.statusCode ?? 0,
            Buffer.concat(chunks).toString('utf8').trim(),
          ),
        ),
      );
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(payload);
  });
}

export async function resizeExec(
  endpoint: DockerEndpoint,
  execId: string,
  rows: number,
  cols: number,
): Promise<void> {
  const path = `/exec/${encodeURIComponent(execId)}/resize?h=${rows}&w=${cols}`;
  const { status, json } = await call(endpoint, 'POST', path);
  if (status !== 200 && status !== 201) throw failure('exec resize', status, json);
}
