import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
// ws is what client-node itself speaks exec over; the fake answers with the same library
import { WebSocketServer } from 'ws';
import type { ClusterCredentials } from '../../../../server/kube/index.js';
import { fixtureCredentials, tls } from './tls.js';

/**
 * A tiny HTTPS server (fixture CA, client certificates required, as a real API server) speaking the few Kubernetes API endpoints the grader and step runner use (discovery, get,
 * list with label selectors, dry-run create, server-side apply, delete, watch, exec). The real client code talks to
 * it over real HTTP and websockets; only the cluster behind it is simulated.
 */

export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  contentType?: string;
}

export type AdmissionReply = { status: number; body?: unknown };
/** stdout as a list is sent as one websocket frame per item. */
export type ExecReply = { exitCode: number; stdout?: string | string[]; stderr?: string; failure?: string };

interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const RESOURCES: ResourceDef[] = [
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    namespaced: true,
  },
  { group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: false },
];

export class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  /** Decides dry-run creates; default: admitted. */
  admit: (object: StoredObject) => AdmissionReply = (object) => ({ status: 201, body: object });
  /** Decides exec calls; default: command not found. */
  exec: (namespace: string, pod: string, container: string, argv: string[]) => ExecReply = () => ({
    exitCode: -1,
    failure: 'executable file not found',
  });
  /** When set, every request gets this HTTP status (simulates a broken API server). */
  failWith: number | undefined;
  /** When set and it returns true, it has answered the request itself (e.g. a hostile API server's endless body). */
  intercept: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined;
  private readonly objects = new Map<string, StoredObject>();
  private readonly watchers = new Set<Watcher>();
  private watchListeners: (() => void)[] = [];
  private resourceVersion = 1;
  private readonly server = https.createServer(
    { cert: tls.serverCert, key: tls.serverKey, ca: tls.caCert, requestCert: true, rejectUnauthorized: true },
    (req, res) => void this.handle(req, res),
  );
  private readonly sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: () => 'v4.channel.k8s.io',
  });

  static async start(): Promise<FakeKubeApi> {
    const api = new FakeKubeApi();
    api.server.on('upgrade', (req, socket, head) => api.upgrade(req, socket, head));
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What a cluster's captured grader credentials would be for this server. */
  credentials(): ClusterCredentials {
    return fixtureCredentials(this.url);
  }

  /** A plain client-node KubeConfig for the grader's own tests (the server builds its own from credentials()). */
  kubeConfig(): KubeConfig {
    const b64 = (pem: string) => Buffer.from(pem).toString('base64');
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, caData: b64(tls.caCert), skipTLSVerify: false }],
      users: [{ name: 'tester', certData: b64(tls.clientCert), keyData: b64(tls.clientKey) }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'tester' }],
      currentContext: 'fake',
    });
    return kc;
  }

  async close(): Promise<void> {
    for (const watcher of this.watchers) watcher.res.end();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when the next watch request has been accepted (so a test can change state while someone waits). */
  nextWatch(): Promise<void> {
    return new Promise((resolve) => this.watchListeners.push(resolve));
  }

  /** Forgets every object (a fresh "cluster"). */
  reset(): void {
    this.objects.clear();
  }

  /** Stores (or replaces) an object and tells watchers. */
  put(object: StoredObject): StoredObject {
    const def = this.definition(object.apiVersion, object.kind);
    const stored = structuredClone(object);
    const key = this.key(def, stored.metadata.namespace, stored.metadata.name);
    const type = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    stored.metadata.resourceVersion = String(++this.resourceVersion);
    this.objects.set(key, stored);
    this.notify(def, type, stored);
    return stored;
  }

  remove(apiVersion: string, kind: string, name: string, namespace?: string): boolean {
    const def = this.definition(apiVersion, kind);
    const key = this.key(def, namespace, name);
    const object = this.objects.get(key);
    if (!object) return false;
    this.objects.delete(key);
    this.notify(def, 'DELETED', object);
    return true;
  }

  get(apiVersion: string, kind: string, name: string, namespace?: string): StoredObject | undefined {
    return this.objects.get(this.key(this.definition(apiVersion, kind), namespace, name));
  }

  private definition(apiVersion: string, kind: string): ResourceDef {
    const def = RESOURCES.find(
      (r) => (r.group ? `${r.group}/${r.version}` : r.version) === apiVersion && r.kind === kind,
    );
    if (!def) throw new Error(`fake API has no ${apiVersion} ${kind}`);
    return def;
  }

  private key(def: ResourceDef, namespace: string | undefined, name: string): string {
    return `${def.plural}|${def.namespaced ? (namespace ?? 'default') : ''}|${name}`;
  }

  private notify(def: ResourceDef, type: string, object: StoredObject): void {
    for (const watcher of this.watchers) {
      if (watcher.def !== def) continue;
      if (watcher.namespace && watcher.namespace !== object.metadata.namespace) continue;
      if (!selected(object, watcher.filter)) continue;
      watcher.res.write(`${JSON.stringify({ type, object })}\n`);
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body,
      contentType: req.headers['content-type'],
    });
    if (this.intercept?.(req, res)) return;
    if (this.failWith)
      return send(res, this.failWith, status(this.failWith, 'InternalError', 'simulated failure'));
    if (url.pathname === '/readyz') return send(res, 200, 'ok');
    const discovery = RESOURCES.filter(
      (r) => url.pathname === (r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`),
    );
    if (discovery.length > 0) {
      return send(res, 200, {
        kind: 'APIResourceList',
        resources: discovery.map((r) => ({
          name: r.plural,
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: [],
        })),
      });
    }
    const route = this.route(url.pathname);
    if (!route)
      return send(res, 404, status(404, 'NotFound', `the server could not find the requested resource`));
    const { def, namespace, name } = route;
    const method = req.method ?? 'GET';
    if (method === 'GET' && name) return this.read(res, def, namespace, name);
    if (method === 'GET' && url.searchParams.get('watch') === 'true') {
      return this.watch(res, { def, namespace, filter: url.searchParams, res });
    }
    if (method === 'GET') return this.list(res, def, namespace, url.searchParams);
    if (method === 'POST') return this.create(res, def, namespace, body as StoredObject, url.searchParams);
    if (method === 'PATCH' && name) return this.apply(res, def, namespace, name, body as StoredObject);
    if (method === 'DELETE' && name) return this.delete(res, def, namespace, name);
    return send(res, 405, status(405, 'MethodNotAllowed', `${method} not supported by the fake`));
  }

  private route(path: string): { def: ResourceDef; namespace?: string; name?: string } | undefined {
    const match =
      /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (!match) return undefined;
    const [, coreVersion, group, version, namespace, plural, name] = match;
    const def = RESOURCES.find(
      (r) =>
        r.plural === plural && (coreVersion ? r.group === '' : r.group === group && r.version === version),
    );
    if (!def) return undefined;
    return {
      def,
      namespace: namespace && decodeURIComponent(namespace),
      name: name && decodeURIComponent(name),
    };
  }

  private read(
    res: http.ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
  ): void {
    const object = this.objects.get(this.key(def, namespace, name));
    if (!object) return send(res, 404, status(404, 'NotFound', `${def.plural} "${name}" not found`));
    send(res, 200, object);
  }

  private matching(def: ResourceDef, namespace: string | undefined, filter: URLSearchParams): StoredObject[] {
    return [...this.objects.entries()]
      .filter(([key]) => key.startsWith(`${def.plural}|`))
      .map(([, object]) => object)
      .filter((o) => !namespace || o.metadata.namespace === namespace)
      .filter((o) => selected(o, filter));
  }

  private list(
    res: http.ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    filter: URLSearchParams,
  ): void {
    const items = this.matching(def, namespace, filter);
    send(res, 200, {
      kind: `${def.kind}List`,
      metadata: { resourceVersion: String(this.resourceVersion) },
      items,
    });
  }

  private watch(res: http.ServerResponse, watcher: Watcher): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
    const listeners = this.watchListeners;
    this.watchListeners = [];
    for (const listener of listeners) listener();
  }

  private create(
    res: http.ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    object: StoredObject,
    query: URLSearchParams,
  ): void {
    const candidate: StoredObject = {
      ...object,
      metadata: {
        ...object.metadata,
        name: object.metadata.name ?? `${String(object.metadata.generateName ?? 'x-')}abcde`,
        namespace,
      },
    };
    if (
      def.namespaced &&
      namespace &&
      !this.objects.has(this.key(this.definition('v1', 'Namespace'), undefined, namespace))
    ) {
      return send(res, 404, status(404, 'NotFound', `namespaces "${namespace}" not found`));
    }
    const reply = this.admit(candidate);
    if (reply.status < 300 && query.get('dryRun') !== 'All') this.put(candidate);
    send(res, reply.status, reply.body ?? candidate);
  }

  private apply(
    res: http.ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    object: StoredObject,
  ): void {
    const stored = this.put({
      ...object,
      metadata: { ...object.metadata, name, ...(def.namespaced ? { namespace } : {}) },
    });
    send(res, 200, stored);
  }

  private delete(
    res: http.ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
  ): void {
    const object = this.objects.get(this.key(def, namespace, name));
    if (!object) return send(res, 404, status(404, 'NotFound', `${def.plural} "${name}" not found`));
    this.remove(object.apiVersion, object.kind, name, namespace);
    send(res, 200, status(200, '', 'deleted'));
  }

  private upgrade(req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.url);
    const match = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    if (!match) {
      socket.destroy();
      return;
    }
    const [, namespace = '', pod = ''] = match;
    const argv = url.searchParams.getAll('command');
    const container = url.searchParams.get('container') ?? '';
    this.requests.push({ method: 'EXEC', path: url.pathname, query: url.searchParams, body: argv });
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      const reply = this.exec(namespace, pod, container, argv);
      const frame = (channel: number, data: string) =>
        Buffer.concat([Buffer.from([channel]), Buffer.from(data)]);
      for (const chunk of [reply.stdout ?? []].flat()) ws.send(frame(1, chunk));
      if (reply.stderr) ws.send(frame(2, reply.stderr));
      const result =
        reply.failure !== undefined
          ? { status: 'Failure', message: reply.failure, reason: 'InternalError' }
          : reply.exitCode === 0
            ? { status: 'Success' }
            : {
                status: 'Failure',
                reason: 'NonZeroExitCode',
                message: `command terminated with non-zero exit code: ${reply.exitCode}`,
                details: { causes: [{ reason: 'ExitCode', message: String(reply.exitCode) }] },
              };
      ws.send(frame(3, JSON.stringify(result)));
      ws.close();
    });
  }
}

interface Watcher {
  def: ResourceDef;
  namespace?: string;
  filter: URLSearchParams;
  res: http.ServerResponse;
}

/** Equality-only label selectors and the metadata.name field selector: all the callers use. */
function selected(object: StoredObject, filter: URLSearchParams): boolean {
  const terms = (text: string | null) =>
    (text ?? '')
      .split(',')
      .filter(Boolean)
      .map((term) => term.split('=') as [string, string]);
  const labelsOk = terms(filter.get('labelSelector')).every(([k, v]) => object.metadata.labels?.[k] === v);
  const fieldsOk = terms(filter.get('fieldSelector')).every(
    ([k, v]) => k !== 'metadata.name' || object.metadata.name === v,
  );
  return labelsOk && fieldsOk;
}

function status(code: number, reason: string, message: string): unknown {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: code < 300 ? 'Success' : 'Failure',
    code,
    reason,
    message,
  };
}

/** Writes `chunk` for as long as the client keeps reading: an answer that never ends. */
export function sendEndless(res: http.ServerResponse, chunk: Buffer = Buffer.alloc(64 * 1024, 0x30)): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
}

function send(res: http.ServerResponse, code: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}
