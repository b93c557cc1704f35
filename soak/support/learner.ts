// A learner as the soak drives one: a session cookie from the printed URL or a workshop join, REST calls that
// report status, error code and latency instead of throwing, and the lab's socket.
import { openLabSocket, type ClientSocket } from '../../test/unit/server/socket-helpers.js';

/** One REST answer as the learner got it; status 0 means no HTTP answer at all (see `network`). */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  ms: number;
  body: T | null;
  /** The `error.code` of a JSON error answer. */
  code?: string;
  message?: string;
  /** Why no answer came: the socket's error code (ECONNRESET, ECONNREFUSED …) or `timeout`. */
  network?: string;
}

const REQUEST_TIMEOUT_MS = 60_000;

/** "ECONNRESET" for undici's "fetch failed" (the reason is in `cause`), "timeout" for our own deadline. */
export function networkReason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timeout';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** "HTTP 500 internal: Something went wrong…" or "no answer (ECONNRESET)": what the learner was shown. */
export function describeAnswer(answer: Answer): string {
  if (answer.status === 0) return `no answer (${answer.network ?? 'unknown'})`;
  return `HTTP ${answer.status}${answer.code ? ` ${answer.code}` : ''}${answer.message ? `: ${answer.message}` : ''}`;
}

export class SoakLearner {
  private constructor(
    readonly name: string,
    private readonly origin: string,
    readonly cookie: string,
  ) {}

  /** Follows a printed `?token=` URL (the local user or the instructor) and keeps the cookie it sets. */
  static async signIn(name: string, url: string): Promise<SoakLearner> {
    const response = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie)
      throw new Error(`signing in at ${new URL(url).origin} set no cookie (HTTP ${response.status})`);
    return new SoakLearner(name, new URL(url).origin, cookie);
  }

  /** Joins a workshop with its code, as /join does; throws with the server's answer when refused. */
  static async join(origin: string, name: string, code: string): Promise<SoakLearner> {
    const { answer, learner } = await SoakLearner.tryJoin(origin, name, code);
    if (!learner) throw new Error(`joining workshop ${code} as ${name}: ${describeAnswer(answer)}`);
    return learner;
  }

  /** The join's answer as the learner got it, and the learner when it worked (201 with a cookie). */
  static async tryJoin(
    origin: string,
    name: string,
    code: string,
  ): Promise<{ answer: Answer; learner?: SoakLearner }> {
    const answer = await sendJson<Record<string, unknown>>(origin, 'POST', '/auth/join', undefined, {
      name,
      code,
    });
    const ok = answer.status === 201 && answer.cookie;
    return { answer, learner: ok ? new SoakLearner(name, origin, answer.cookie ?? '') : undefined };
  }

  request<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    return sendJson<T>(this.origin, method, path, this.cookie, body);
  }

  /** A bare lab socket (not yet connected), for clients that drive the events themselves. */
  openSocket(labId: string): ClientSocket {
    return openLabSocket(this.origin, { cookie: this.cookie, origin: this.origin, labId });
  }
}

async function sendJson<T>(
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  cookie: string | undefined,
  body: unknown,
): Promise<Answer<T> & { cookie?: string }> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        origin,
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (error) {
      // a non-JSON answer (an HTML error page, a proxy) is itself worth reporting: keep its first line
      json = { error: { code: 'not_json', message: `${(error as Error).name}: ${text.split('\n')[0]}` } };
    }
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    return {
      status: response.status,
      ms,
      body: response.ok ? (json as T) : null,
      code: error?.code,
      message: error?.message,
      cookie: response.headers.get('set-cookie')?.split(';')[0],
    };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: null, network: networkReason(error) };
  }
}
