import type { NodeShell, PtySize, ShellOptions } from '../types.js';
import { createTtyExec, resizeExec, startTtyExec, type DockerEndpoint } from './engine-api.js';

/** Execs argv with a pty in the node container and returns the byte stream (UTF-8 decoding is the caller's). */
export async function openNodeShell(
  endpoint: DockerEndpoint,
  container: string,
  options: ShellOptions,
): Promise<NodeShell> {
  const execId = await createTtyExec(endpoint, {
    container,
    argv: options.argv,
    env: { ...options.env },
  });
  const stream = await startTtyExec(endpoint, execId);
  const resize = (size: PtySize) => resizeExec(endpoint, execId, size.rows, size.cols);
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
