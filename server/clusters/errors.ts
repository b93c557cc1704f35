/** Errors any ClusterProvider throws, in words a user can act on (the kind provider and the CLI share them). */

/** Bad input from a caller; the message names the argument and says what is allowed. Nothing was changed. */
export class InvalidArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

export class ClusterNotFoundError extends Error {
  constructor(readonly cluster: string) {
    super(`cluster "${cluster}" does not exist (see \`cks-lab cluster list\`)`);
    this.name = 'ClusterNotFoundError';
  }
}

/** Creation failed; everything the attempt created has been removed. The message carries the failing command. */
export class ClusterCreateError extends Error {
  constructor(
    readonly cluster: string,
    readonly step: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterCreateError';
  }
}

/** Something this host lacks (kind, the Docker engine, the node image); the message says how to fix it. */
export class MissingPrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingPrerequisiteError';
  }
}
