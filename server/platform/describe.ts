import type { PlatformStatus } from './types.js';

/**
 * The sentence the catalog shows under each disabled Start button and POST /api/labs answers with while labs
 * cannot start: what is being prepared and how far it got, or what to run. Empty when ready.
 */
export function describePlatform(status: Omit<PlatformStatus, 'summary'>): string {
  const { task, step, problem } = status;
  switch (status.state) {
    case 'ready':
      return '';
    case 'checking':
      return 'Checking the lab platform (Docker engine, node image); labs can start in a moment.';
    case 'building': {
      if (!task) return 'Preparing the lab platform; labs can start when it is done.';
      const place = task.total > 1 ? ` (task ${task.index}/${task.total})` : '';
      const where = step
        ? ` — step ${step.index}/${step.total}: ${step.name}${step.done ? ' (done)' : ''}`
        : '';
      return `Preparing the lab platform: ${task.label}${place}${where}. Labs can start when it is done.`;
    }
    case 'blocked':
      return `Labs cannot start yet: ${problem?.message ?? 'something is missing.'} Run on the server: ${problem?.command ?? 'npx cks-lab doctor'}`;
    case 'failed':
      return `Preparing the lab platform failed: ${problem?.message ?? 'see the server output.'} Run on the server: ${problem?.command ?? 'npx cks-lab doctor'}`;
  }
}
