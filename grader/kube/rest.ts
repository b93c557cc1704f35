import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { API_BODY_LIMIT_BYTES, OutputTooLargeError } from '../output-limits.js';
import { KubeApiError, KubeUnreachableError } from './errors.js';

export interface KubeResponse {
  status: number;
  body: unknown;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Resolve with the status instead of throwing KubeApiError on non-2xx. */
  allowErrorStatus?: boolean;
  /** Of the body; application/json when absent (server-side apply needs application/apply-patch+yaml). */
  contentType?: string;
}

/**
 * A minimal JSON client for the Kubernetes API. The grader reads raw JSON rather than client-node's typed models,
 * which drop fields their generated classes do not know and turn timestamps into Dates. The API server is the
 * learner's, so an answer is read up to maxBodyBytes and no further.
 */
export class KubeRest {
  private constructor(
    readonly server: string,
    private readonly transport: typeof http | typeof https,
    private readonly options: https.RequestOptions,
    private readonly maxBodyBytes: number,
  ) {}

  static async fromKubeConfig(
    kubeConfig: KubeConfig,
    { maxBodyBytes = API_BODY_LIMIT_BYTES }: { maxBodyBytes?: number } = {},
  ): Promise<KubeRest> {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const options: https.RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(options);
    const transport = cluster.server.startsWith('http:') ? http : https;
    // one TLS handshake per connection, not per request: a grade makes a dozen requests at once
    const { ca, cert, key, rejectUnauthorized, servername } = options;
    options.agent = new transport.Agent({ ca, cert, key, rejectUnauthorized, servername, keepAlive: true });
    return new KubeRest(cluster.server.replace(/\/+$/, ''), transport, options, maxBodyBytes);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<KubeResponse> {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const described = `${method} ${url.pathname}${url.search}`;
    const response = await this.send(method, url, payload, described, options);
    if ((response.status < 200 || response.status > 299) && !options.allowErrorStatus) {
      const status = statusOf(response.body);
      throw new KubeApiError(
        response.status,
        status.reason,
        status.message ?? `HTTP ${response.status}`,
        described,
      );
    }
    return response;
  }

  async get(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<unknown> {
    return (await this.request('GET', path, { query, signal })).body;
  }

  private send(
    method: string,
    url: URL,
    payload: string | undefined,
    described: string,
    { signal, contentType = 'application/json' }: RequestOptions,
  ): Promise<KubeResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {
        ...(this.options.headers as Record<string, string> | undefined),
        Accept: 'application/json',
      };
      if (payload !== undefined) {
        headers['Content-Type'] = contentType;
        headers['Content-Length'] = Buffer.byteLength(payload);
      }
      const request = this.transport.request(
        url,
        { ...this.options, method, headers, signal },
        (response) => {
          const chunks: Buffer[] = [];
          let received = 0;
          const tooLarge = () => {
            const error = new OutputTooLargeError(
              `the API server's answer to ${described}`,
              this.maxBodyBytes,
            );
            reject(error);
            request.destroy(error); // stop reading: the rest stays in the kernel, not in this process
          };
          if (Number(response.headers['content-length'] ?? 0) > this.maxBodyBytes) return tooLarge();
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > this.maxBodyBytes) return tooLarge();
            chunks.push(chunk);
          });
          response.on('error', (error) => reject(new KubeUnreachableError(this.server, error)));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: response.statusCode ?? 0, body: parseJson(text) });
          });
        },
      );
      request.on('error', (error) =>
        reject(error.name === 'AbortError' ? error : new KubeUnreachableError(this.server, error)),
      );
      request.end(payload);
    });
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return text; // some endpoints (readyz, proxies) answer in plain text
  }
}

/** The fields of a Kubernetes Status object that explain an error. */
export function statusOf(body: unknown): { reason?: string; message?: string } {
  if (typeof body === 'string') return { message: body.trim() };
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  return {
    reason: typeof record.reason === 'string' ? record.reason : undefined,
    message: typeof record.message === 'string' ? record.message : undefined,
  };
}
