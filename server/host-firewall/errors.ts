/** The lab firewall could not be read or put in place; the message says what to change on this host. */
export class FirewallError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FirewallError';
  }
}
