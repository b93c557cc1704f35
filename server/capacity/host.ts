import { availableParallelism, totalmem } from 'node:os';
import type { HostResources } from './types.js';

/**
 * This machine's memory and cores. kind runs its nodes on the local Docker engine, so the engine's host is this
 * one; read synchronously because the server's settings are read synchronously at start.
 */
export function localHost(): HostResources {
  return { memoryBytes: totalmem(), cores: availableParallelism() };
}
