/** A lifecycle refusal the learner can act on; the HTTP layer turns it into { error: { code, message } }. */
export class LabError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 500 | 503 | 504,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'LabError';
  }
}

/** The first line of an error's message: command errors carry output tails, the first line is what people read. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
