/** The API server answered with a non-2xx status; `message` is the server's own explanation. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    readonly serverMessage: string,
    readonly request: string,
  ) {
    super(`${request}: HTTP ${status}${reason ? ` ${reason}` : ''}: ${serverMessage}`);
    this.name = 'KubeApiError';
  }
}

/** The API server could not be reached at all (refused, reset, TLS failure). */
export class KubeUnreachableError extends Error {
  constructor(server: string, cause: unknown) {
    const detail =
      cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause);
    super(`could not reach the Kubernetes API server at ${server} (${detail})`, { cause });
    this.name = 'KubeUnreachableError';
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof KubeApiError && error.status === 404;
}

/** Discovery does not know the kind: a scenario bug (wrong apiVersion or kind), or a CRD not installed yet. */
export class UnknownKindError extends Error {
  constructor(apiVersion: string, kind: string) {
    super(
      `the API server has no kind ${kind} in ${apiVersion} (check apiVersion and kind, or install its CRD)`,
    );
    this.name = 'UnknownKindError';
  }
}
