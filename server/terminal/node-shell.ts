import type { Duplex } from 'node:stream';
import { createTtyExec, resizeExec, startTtyExec, type DockerEndpoint } from './docker-api.js';
import type { TerminalSize } from './events.js';

/** An interactive pty stream into a node, as the terminal hub drives it. */
export interface NodeShell {
  readonly stream: Duplex;
  write(data: string): void;
  resize(size: TerminalSize): Promise<void>;
  close(): void;
}

export interface OpenShellOptions {
  container: string;
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  size: TerminalSize;
}

/** Execs argv with a pty in the node container and returns the byte stream (UTF-8 decoding is the caller's). */
export async function openNodeShell(endpoint: DockerEndpoint, options: OpenShellOptions): Promise<NodeShell> {
  const execId = await createTtyExec(endpoint, {
    container: options.container,
    argv: options.argv,
    env: { ...options.env },
  });
  const stream = await startTtyExec(endpoint, execId);
  const resize = (size: TerminalSize) => resizeExec(endpoint, execId, size.rows, size.cols);
  // the pty starts at 80x24 on older engines; size it before the shell draws much
  await resize(options.size);
  return {
    stream,
    write: (data) => {
      if (!stream.destroyed) stream.write(data, 'utf8');
    },
    resize,
    close: () => stream.destroy(),
  };
}
