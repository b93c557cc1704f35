const MIB = 1024 * 1024;

/** Most the grader reads from one command on a node, stdout and stderr together (a file `cat` included). */
export const NODE_OUTPUT_LIMIT_BYTES = 4 * MIB;
/** Most it reads from one command in a pod. */
export const POD_OUTPUT_LIMIT_BYTES = 4 * MIB;
/** Most it reads of one API answer; a list of every object of a kind in a lab is far smaller. */
export const API_BODY_LIMIT_BYTES = 16 * MIB;

/**
 * Something the learner controls (a file, a command, the API server itself) produced more than the reader takes.
 * Reading stops at the limit, so a link to /dev/zero costs a few MiB, not the server's memory.
 */
export class OutputTooLargeError extends Error {
  constructor(
    readonly what: string,
    readonly limitBytes: number,
  ) {
    super(
      `${what} is larger than ${formatBytes(limitBytes)}, more than cks-lab reads, so it stopped reading`,
    );
    this.name = 'OutputTooLargeError';
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
