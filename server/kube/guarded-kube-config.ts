import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { API_BODY_LIMIT_BYTES, OutputTooLargeError, POD_OUTPUT_LIMIT_BYTES } from '../../grader/index.js';

/** The slice of undici's handler and controller that a byte limit needs (undici is client-node's, not ours). */
interface Controller {
  abort(reason: Error): void;
}
interface Handler {
  onRequestStart?(controller: Controller, context: unknown): void;
  onRequestUpgrade?(...args: unknown[]): void;
  onResponseStart?(...args: unknown[]): void;
  onResponseData?(controller: Controller, chunk: Buffer): void;
  onResponseEnd?(...args: unknown[]): void;
  onResponseError?(...args: unknown[]): void;
}
type Dispatch = (options: { method?: string; path?: string }, handler: Handler) => boolean;
type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;
type Interceptor = Parameters<Dispatcher['compose']>[0];

/** An undici interceptor that aborts a response once its body passes `limit` bytes (a watch counts as one body). */
export function limitResponseBytes(limit: number): (dispatch: Dispatch) => Dispatch {
  return (dispatch) => (options, handler) => {
    let received = 0;
    return dispatch(options, {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (...args) => handler.onRequestUpgrade?.(...args),
      onResponseStart: (...args) => handler.onResponseStart?.(...args),
      onResponseData: (controller, chunk) => {
        received += chunk.length;
        if (received > limit) {
          const what = `the API server's answer to ${options.method ?? 'GET'} ${options.path ?? ''}`;
          controller.abort(new OutputTooLargeError(what, limit));
          return;
        }
        handler.onResponseData?.(controller, chunk);
      },
      onResponseEnd: (...args) => handler.onResponseEnd?.(...args),
      onResponseError: (...args) => handler.onResponseError?.(...args),
    });
  };
}

/**
 * client-node's KubeConfig with bounded reads: every fetch-based call (typed APIs, watches) stops at
 * `bodyBytes`, and websockets (exec) refuse frames over `frameBytes` instead of buffering them. Only
 * connect.ts makes one, from checked credentials.
 */
export class GuardedKubeConfig extends KubeConfig {
  constructor(
    private readonly limits: { bodyBytes: number; frameBytes: number } = {
      bodyBytes: API_BODY_LIMIT_BYTES,
      frameBytes: POD_OUTPUT_LIMIT_BYTES,
    },
  ) {
    super();
  }

  override async applyToHTTPSOptions(opts: Parameters<KubeConfig['applyToHTTPSOptions']>[0]): Promise<void> {
    await super.applyToHTTPSOptions(opts);
    (opts as { maxPayload?: number }).maxPayload = this.limits.frameBytes; // read by ws
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const dispatcher = context.getDispatcher();
    // our kubeconfigs always carry a CA and a client certificate, so client-node always makes a TLS dispatcher
    if (!dispatcher) throw new Error('internal: no TLS dispatcher for a cks-lab kubeconfig');
    const interceptor = limitResponseBytes(this.limits.bodyBytes) as unknown as Interceptor;
    context.setDispatcher(dispatcher.compose(interceptor));
  }
}
