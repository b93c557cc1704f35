import type { Logger } from '../log.js';
import { loadCatalog, type LoadedScenario } from '../scenarios/loader.js';
import { formatProblem, type Problem } from '../scenarios/problems.js';
import { folderFingerprint, type FolderFingerprint } from './folder-fingerprint.js';

export interface ScenarioCatalogOptions {
  root: string;
  logger: Logger;
  /** Reads and validates the whole catalog (default: the scenario loader). */
  load?: (root: string) => Promise<{ scenarios: LoadedScenario[]; problems: Problem[] }>;
  /** Tells whether anything under root changed since the last load (default: stats of every entry). */
  fingerprint?: (root: string) => Promise<FolderFingerprint>;
  /** For this long after a check the catalog is served as is, without looking at the disk (default 1 s). */
  recheckMs?: number;
  /** A monotonic clock in milliseconds (tests move it by hand). */
  now?: () => number;
}

interface Loaded {
  fingerprint: string;
  scenarios: LoadedScenario[];
  problems: Set<string>;
}

/**
 * The scenario catalog, loaded once and kept: a request costs nothing, and at most once per recheckMs a stat of
 * every file under root tells whether an author edited something; only then is the catalog loaded again.
 * Concurrent requests share one check and one load. A broken scenario is left out and logged, as the loader
 * decides; when the catalog cannot be loaded at all (folder gone or unreadable), the last one that loaded is served
 * and the error logged, and the next check tries again.
 */
export class ScenarioCatalog {
  private readonly load: NonNullable<ScenarioCatalogOptions['load']>;
  private readonly fingerprint: NonNullable<ScenarioCatalogOptions['fingerprint']>;
  private readonly recheckMs: number;
  private readonly now: () => number;
  private loaded: Loaded | undefined;
  private checkedAt = 0;
  private checking: Promise<LoadedScenario[]> | undefined;
  private lastFailure: string | undefined;
  private warnedTruncated = false;

  constructor(private readonly options: ScenarioCatalogOptions) {
    this.load = options.load ?? loadCatalog;
    this.fingerprint = options.fingerprint ?? ((root) => folderFingerprint(root));
    this.recheckMs = options.recheckMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The valid scenarios, as of the last check. */
  async scenarios(): Promise<LoadedScenario[]> {
    if (this.loaded && this.now() - this.checkedAt < this.recheckMs) return this.loaded.scenarios;
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async check(): Promise<LoadedScenario[]> {
    const { root, logger } = this.options;
    // the clock starts before the stat: an edit made while loading is seen by the next check
    this.checkedAt = this.now();
    let print: FolderFingerprint;
    let result: Awaited<ReturnType<typeof this.load>>;
    try {
      print = await this.fingerprint(root);
      if (this.loaded && print.value === this.loaded.fingerprint) return this.loaded.scenarios;
      result = await this.load(root);
    } catch (error) {
      return this.keepLastGood(error);
    }
    if (print.truncated && !this.warnedTruncated) {
      this.warnedTruncated = true;
      logger.warn(
        { root },
        'the scenarios folder holds too many files to watch them all; restart to see edits',
      );
    }
    const problems = new Set(result.problems.map((problem) => formatProblem(problem)));
    for (const problem of problems) {
      if (!this.loaded?.problems.has(problem))
        logger.warn({ problem }, 'a scenario is left out of the catalog');
    }
    this.loaded = { fingerprint: print.value, scenarios: result.scenarios, problems };
    this.lastFailure = undefined;
    return result.scenarios;
  }

  private keepLastGood(error: unknown): LoadedScenario[] {
    // nothing loaded yet: the request fails with the loader's own error, as it did before there was a cache
    if (!this.loaded) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (message !== this.lastFailure) {
      this.lastFailure = message;
      this.options.logger.error(
        { err: error, root: this.options.root },
        'cannot reload the scenario catalog; serving the last one that loaded until the folder is readable again',
      );
    }
    return this.loaded.scenarios;
  }
}
