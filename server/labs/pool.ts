import { availableParallelism, loadavg } from 'node:os';
import type { Logger } from '../log.js';
import type { ClusterSource, PoolEntry, Store } from '../store/index.js';
import type { LabClusterProvider, ScenarioDetail, ScenarioEngine } from './deps.js';
import { firstLine } from './errors.js';
import { targetOf, type PoolSpec, type PoolTarget } from './pool-spec.js';

/** The cluster a lab got, and where from. */
export interface LabCluster {
  name: string;
  source: ClusterSource;
}

/** How hard the pool may work in the background. */
export interface PoolTuning {
  /** Pool creations running at once; 1 keeps a 2-core host responsive for the labs on it. */
  maxConcurrentCreates: number;
  /** No new creation starts while the 1-minute load average is above this. */
  maxLoad: number;
  /** How long to wait before looking at the load again. */
  loadRetryMs: number;
  /** Wait after a failed creation; doubles with each failure in a row, up to failureBackoffMaxMs. */
  failureBackoffMs: number;
  failureBackoffMaxMs: number;
  /** One pooled cluster (create, and for a pre-staged entry images + setup) must be ready within this. */
  createTimeoutMs: number;
}

export function defaultPoolTuning(cores = availableParallelism()): PoolTuning {
  return {
    maxConcurrentCreates: 1,
    maxLoad: 1.5 * cores,
    loadRetryMs: 30_000,
    failureBackoffMs: 30_000,
    failureBackoffMaxMs: 10 * 60_000,
    createTimeoutMs: 20 * 60_000,
  };
}

export interface ClusterPoolOptions {
  store: Store;
  provider: LabClusterProvider;
  scenarios: ScenarioEngine;
  logger: Logger;
  spec: PoolSpec;
  tuning: PoolTuning;
  /** Most clusters that may exist at once: labs' clusters, pooled ones and used ones still being deleted. */
  maxClusters: () => number;
  /** Clusters outside the pool: labs holding (or about to hold) one, and used ones still being deleted. */
  clustersOutside: () => number;
  /** Deletes a cluster in the background (counted by clustersOutside until it is gone). */
  retire: (clusterName: string, why: string) => void;
  /** 1-minute load average; replaceable in tests. */
  loadAverage?: () => number;
  /** False while labs cannot get clusters (no node image yet): nothing is created then. Absent: always true. */
  platformReady?: () => boolean;
}

export type PoolHoldReason = 'platform' | 'lab' | 'capacity' | 'failure' | 'load';

const HOLD_REASONS: Record<PoolHoldReason, string> = {
  platform: 'the lab platform is not ready (Docker engine or node image missing)',
  lab: 'a lab is being provisioned (learners waiting come first)',
  capacity: 'labs and pooled clusters fill CKS_LAB_MAX_LABS',
  failure: 'backing off after a failed creation',
  load: 'the host is busy (load average above the limit)',
};

export interface PoolStatus {
  /** Pool creations running now. */
  creating: number;
  ready: number;
  /** Why the pool is not creating although it is short, or null. */
  holding: PoolHoldReason | null;
}

interface Wanted {
  target: PoolTarget;
  nodes: 1 | 2;
  scenarioId?: string;
}

/**
 * The warm pool: idle, ready clusters created ahead of demand so a lab starts by taking one. Provider-neutral (it
 * only uses LabClusterProvider and ScenarioEngine). Pooled clusters belong to nobody until a lab claims one
 * (atomically, in the store); a claimed cluster never comes back. Refilling runs in the background, one creation
 * at a time by default, never while a lab is being provisioned, never past maxClusters, and backs off under load
 * and after failures; nothing it does can crash the server.
 */
export class ClusterPool {
  private started = false;
  private closed = false;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private filling: Promise<void> | undefined;
  private again = false;
  private labsProvisioning = 0;
  private failures = 0;
  private retryAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private holding: PoolHoldReason | null = null;
  private readonly unknownScenarios = new Set<string>();

  constructor(private readonly options: ClusterPoolOptions) {}

  get spec(): PoolSpec {
    return this.options.spec;
  }

  /** Begins filling; called after reconcile, so adopted entries count and half-made ones are gone. */
  start(): void {
    this.started = true;
    this.refill();
  }

  /** Looks again whether the pool is short and may create; cheap, call it whenever something changed. */
  refill(): void {
    if (!this.started || this.closed || !this.options.spec.targets.length) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((error: unknown) => {
        const waitMs = this.backOff();
        this.options.logger.error({ err: error, retryInMs: waitMs }, 'refilling the cluster pool failed');
        this.wakeIn(waitMs);
      })
      .finally(() => {
        this.filling = undefined;
        if (this.again) {
          this.again = false;
          this.refill();
        }
      });
  }

  /**
   * Marks a lab as being provisioned until the returned function is called; refilling waits meanwhile, so the
   * pool never competes with a learner who is waiting for a lab.
   */
  labProvisioning(): () => void {
    this.labsProvisioning += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.labsProvisioning -= 1;
      this.refill();
    };
  }

  /** Takes a pooled cluster for the lab (one staged for its scenario first), or undefined when none fits. */
  async claim(
    labId: string,
    scenario: Pick<ScenarioDetail, 'id' | 'nodes'>,
  ): Promise<LabCluster | undefined> {
    const claimed = await this.options.store.pool.claim(labId, {
      nodes: scenario.nodes,
      scenarioId: scenario.id,
    });
    if (!claimed) {
      if (this.options.spec.targets.length) {
        this.options.logger.info({ lab: labId, nodes: scenario.nodes }, 'no pooled cluster fits the lab');
      }
      return undefined;
    }
    const source = claimed.lab.clusterSource ?? 'pool';
    this.options.logger.info(
      { lab: labId, cluster: claimed.entry.clusterName, source },
      'a lab took a pooled cluster',
    );
    this.refill();
    return { name: claimed.entry.clusterName, source };
  }

  /**
   * A lab that found nothing in the pool is about to create its own cluster: when that would push the total past
   * maxClusters, idle pooled clusters are deleted to make room (a running lab beats a spare).
   */
  makeRoom(labId: string): void {
    const { store, clustersOutside, maxClusters, retire, logger } = this.options;
    const idle = store.pool
      .list()
      .filter((e) => e.state === 'ready')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let excess = clustersOutside() + store.pool.list().length - maxClusters();
    for (const entry of idle) {
      if (excess <= 0) break;
      excess -= 1;
      logger.info({ lab: labId, cluster: entry.clusterName }, 'deleting an idle pooled cluster to make room');
      void store.pool
        .remove(entry.clusterName)
        .then((removed) => removed && retire(entry.clusterName, 'room for a lab'))
        .catch((error: unknown) =>
          logger.error({ err: error, cluster: entry.clusterName }, 'removing a pooled cluster failed'),
        );
    }
  }

  status(): PoolStatus {
    const ready = this.options.store.pool.list().filter((e) => e.state === 'ready').length;
    return { creating: this.inFlight.size, ready, holding: this.holding };
  }

  /**
   * Stops refilling and aborts creations in flight. Their entries stay in the store as "creating": the next
   * start's reconcile deletes them (as with labs, the store records what may need cleaning up).
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.filling;
    await Promise.allSettled([...this.inFlight]);
  }

  private async fill(): Promise<void> {
    const { store, tuning } = this.options;
    while (!this.closed && this.inFlight.size < tuning.maxConcurrentCreates) {
      const wanted = await this.nextWanted();
      if (!wanted || this.closed) {
        this.hold(null);
        return;
      }
      const reason = this.holdReason();
      this.hold(reason);
      if (reason) return;
      const entry = await store.pool.add({ nodes: wanted.nodes, scenarioId: wanted.scenarioId });
      if (this.closed) {
        await store.pool.remove(entry.clusterName);
        return;
      }
      const run = this.create(entry).finally(() => {
        this.inFlight.delete(run);
        this.refill();
      });
      this.inFlight.add(run);
    }
  }

  /** The target furthest from its count (round by round, in spec order), or undefined when the pool is full. */
  private async nextWanted(): Promise<Wanted | undefined> {
    const { spec, store } = this.options;
    const entries = store.pool.list();
    let best: (Wanted & { have: number }) | undefined;
    for (const target of spec.targets) {
      const have = entries.filter((e) => targetOf(spec, e) === target).length;
      if (have >= target.count || (best && best.have <= have)) continue;
      const nodes = await this.nodesOf(target);
      if (nodes === undefined) continue;
      best = { target, nodes, have, ...(target.kind === 'staged' ? { scenarioId: target.scenarioId } : {}) };
    }
    return best;
  }

  private async nodesOf(target: PoolTarget): Promise<1 | 2 | undefined> {
    if (target.kind === 'shape') return target.nodes;
    const scenario = await this.options.scenarios.get(target.scenarioId);
    if (!scenario && !this.unknownScenarios.has(target.scenarioId)) {
      this.unknownScenarios.add(target.scenarioId);
      this.options.logger.warn(
        { scenario: target.scenarioId },
        'the pool should pre-stage a scenario that is not in the catalog; skipping it',
      );
    }
    return scenario?.nodes;
  }

  private holdReason(): PoolHoldReason | null {
    const { store, tuning, clustersOutside, maxClusters, platformReady } = this.options;
    // no wake-up needed: the pool starts (or refills) when labs open, which is after the platform is ready
    if (platformReady && !platformReady()) return 'platform';
    if (this.labsProvisioning > 0) return 'lab';
    if (clustersOutside() + store.pool.list().length >= maxClusters()) return 'capacity';
    const now = Date.now();
    if (now < this.retryAt) {
      this.wakeIn(this.retryAt - now);
      return 'failure';
    }
    if ((this.options.loadAverage ?? (() => loadavg()[0] ?? 0))() > tuning.maxLoad) {
      this.wakeIn(tuning.loadRetryMs);
      return 'load';
    }
    return null;
  }

  /** Logs a change of reason once, not on every look. */
  private hold(reason: PoolHoldReason | null): void {
    if (reason === this.holding) return;
    this.holding = reason;
    if (reason) this.options.logger.info({ reason: HOLD_REASONS[reason] }, 'cluster pool waits');
  }

  private wakeIn(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refill();
    }, ms);
    this.timer.unref();
  }

  /** Counts a failure and returns how long the pool now waits before creating again. */
  private backOff(): number {
    const { failureBackoffMs, failureBackoffMaxMs } = this.options.tuning;
    this.failures += 1;
    const waitMs = Math.min(failureBackoffMs * 2 ** (this.failures - 1), failureBackoffMaxMs);
    this.retryAt = Date.now() + waitMs;
    return waitMs;
  }

  private async create(entry: PoolEntry): Promise<void> {
    const { store, provider, scenarios, logger, tuning } = this.options;
    const cluster = entry.clusterName;
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(tuning.createTimeoutMs)]);
    const started = Date.now();
    logger.info({ cluster, nodes: entry.nodes, scenario: entry.scenarioId }, 'creating a pooled cluster');
    try {
      await provider.create(cluster, { nodes: entry.nodes, timeoutMs: tuning.createTimeoutMs, signal });
      if (entry.scenarioId !== undefined) {
        await store.pool.setState(cluster, 'staging');
        const report = (message: string) => logger.debug({ cluster, message }, 'staging a pooled cluster');
        await scenarios.preloadImages(cluster, entry.scenarioId, report, signal);
        await scenarios.setup(cluster, entry.scenarioId, report, signal);
      }
      signal.throwIfAborted();
      if (!(await store.pool.setState(cluster, 'ready'))) throw new Error('its pool entry is gone');
      this.failures = 0;
      logger.info(
        { cluster, nodes: entry.nodes, scenario: entry.scenarioId, ms: Date.now() - started },
        'pooled cluster ready',
      );
    } catch (error) {
      if (this.closed) {
        logger.info({ cluster }, 'pooled cluster creation stopped by shutdown; the next start removes it');
        return;
      }
      const waitMs = this.backOff();
      logger.error(
        { err: error, cluster, retryInMs: waitMs, why: firstLine(error) },
        'creating a pooled cluster failed',
      );
      await this.discard(cluster);
    }
  }

  private async discard(cluster: string): Promise<void> {
    const { store, provider, logger } = this.options;
    try {
      await provider.delete(cluster);
    } catch (error) {
      // the entry goes anyway: a leftover lab-shaped cluster nobody owns is deleted by the next start's reconcile
      logger.error({ err: error, cluster }, 'deleting a failed pooled cluster failed');
    }
    await store.pool.remove(cluster).catch((error: unknown) => {
      logger.error({ err: error, cluster }, 'removing a failed pooled cluster from the store failed');
    });
  }
}
