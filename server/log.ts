import { pino, type Logger } from 'pino';

/** Structured logs go to stderr so CLI output on stdout stays clean; level from CKS_LAB_LOG_LEVEL. */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.CKS_LAB_LOG_LEVEL ?? 'info' }, pino.destination(2));
}

export const log = createLogger('cks-lab');
export type { Logger };
