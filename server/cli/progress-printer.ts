import type { ProgressSink } from '../progress.js';

/** Prints step progress for humans: "[2/7] building Go tools … done in 41.2s". */
export function printProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  return (event) => {
    switch (event.kind) {
      case 'start':
        stream.write(`[${event.index}/${event.total}] ${event.step} …\n`);
        break;
      case 'end':
        stream.write(
          `[${event.index}/${event.total}] ${event.step} done in ${formatDuration(event.durationMs)}\n`,
        );
        break;
      case 'info':
        stream.write(`      ${event.message}\n`);
        break;
      case 'fail':
        stream.write(`  ✗ ${event.step} failed\n`);
        break;
    }
  };
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}
