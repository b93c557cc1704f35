import type { LabService } from '../labs/service.js';
import type { Logger } from '../log.js';
import type { Learner, Store, Workshop } from '../store/index.js';
import type { SessionSockets } from './session-sockets.js';

export interface RevocationDeps {
  store: Store;
  sockets: SessionSockets;
  labs: Pick<LabService, 'end'>;
  logger: Logger;
}

export interface Revoked {
  socketsCut: number;
  /** Labs of the revoked learners, ending in the background (ending deletes a cluster, which takes a while). */
  labsEnding: string[];
}

/**
 * Taking access away, each in the same order: the store first (in one write, so no request or socket admission
 * finds the session afterwards), then every live socket of the ended sessions is cut at once. Revoked workshop
 * learners can never sign in as themselves again (re-joining makes a new learner), so their labs would only hold
 * cluster slots until the idle timeout: they are ended.
 */
export class Revocations {
  private readonly ending = new Set<Promise<void>>();

  constructor(private readonly deps: RevocationDeps) {}

  /** Sign-out: ends the session behind this cookie value and cuts its sockets. */
  async signOut(token: string): Promise<void> {
    const key = await this.deps.store.sessions.revoke(token);
    if (key) this.deps.sockets.cut([key]);
  }

  async revokeLearner(id: string, by: Learner): Promise<(Revoked & { learner: Learner }) | undefined> {
    const revoked = await this.deps.store.learners.revoke(id);
    if (!revoked) return undefined;
    const socketsCut = this.deps.sockets.cut(revoked.endedSessions);
    const labsEnding = this.endLabsOf([id], `the instructor (${by.name}) signed you out`);
    this.deps.logger.info({ learner: id, by: by.id, socketsCut, labsEnding }, 'learner revoked');
    return { learner: revoked.learner, socketsCut, labsEnding };
  }

  async closeWorkshop(
    code: string,
  ): Promise<(Revoked & { workshop: Workshop; learners: number }) | undefined> {
    const closed = await this.deps.store.workshops.close(code);
    if (!closed) return undefined;
    const socketsCut = this.deps.sockets.cut(closed.endedSessions);
    const labsEnding = this.endLabsOf(closed.learnerIds, 'the workshop was closed');
    this.deps.logger.info(
      { workshop: closed.workshop.code, learners: closed.learnerIds.length, socketsCut, labsEnding },
      'workshop closed',
    );
    return { workshop: closed.workshop, learners: closed.learnerIds.length, socketsCut, labsEnding };
  }

  /** Waits for lab ends still running (server shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.ending]);
  }

  private endLabsOf(learnerIds: readonly string[], reason: string): string[] {
    const labIds = learnerIds.flatMap((id) => this.deps.store.labs.openForLearner(id).map((lab) => lab.id));
    for (const labId of labIds) {
      const run = this.deps.labs
        .end(labId, reason)
        .then(
          () => undefined,
          (error: unknown) =>
            this.deps.logger.error({ err: error, lab: labId }, 'ending a revoked learner’s lab failed'),
        )
        .finally(() => this.ending.delete(run));
      this.ending.add(run);
    }
    return labIds;
  }
}
