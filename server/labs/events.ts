import type { ProgressEvent } from '../progress.js';
import type { Attempt } from '../store/index.js';
import type { LabView } from './view.js';

export type LabEvent =
  | { type: 'lab'; lab: LabView }
  | { type: 'progress'; labId: string; event: ProgressEvent }
  /** A Check finished and its attempt was recorded. */
  | { type: 'checked'; labId: string; attempt: Attempt };

export type LabListener = (event: LabEvent) => void;

/** Fan-out of lifecycle events to the socket layer; a throwing listener never breaks the lifecycle. */
export class LabEvents {
  private readonly listeners = new Set<LabListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  subscribe(listener: LabListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: LabEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
