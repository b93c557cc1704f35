/** The Killercoda folder cannot be imported as it is; the message says why and what to do. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
