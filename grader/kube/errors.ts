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
