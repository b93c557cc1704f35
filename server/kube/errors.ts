/** A cluster has no captured credentials: it predates them, or cks-lab did not create it. */
export class MissingCredentialsError extends Error {
  constructor(readonly cluster: string) {
    super(
      `cluster "${cluster}" has no grader credentials (it was created by an older cks-lab or by hand); ` +
        `recreate it: \`cks-lab cluster delete ${cluster}\`, then create it again`,
    );
    this.name = 'MissingCredentialsError';
  }
}

/** A kubeconfig (or stored credentials) asks for something that could run code or read files on this host. */
export class UnsafeKubeconfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `refusing a kubeconfig that is not server + CA + client certificate + key only: ${problems.join('; ')}`,
    );
    this.name = 'UnsafeKubeconfigError';
  }
}

/** Credentials read from a node (or the store) do not have the expected shape. */
export class InvalidCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCredentialsError';
  }
}
