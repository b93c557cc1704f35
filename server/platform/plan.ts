import type { EngineProbe } from '../../infra/host/engine-status.js';
import type { HostIdentity } from '../../infra/host/host-identity.js';
import { hostAction } from './host-action.js';
import type { PlatformProblem } from './types.js';

/** What the platform's readiness is decided from; read by facts.ts, made up by tests. */
export interface PlatformFacts {
  engine: EngineProbe;
  host: HostIdentity;
  /** This checkout's node image tag; present is undefined when no engine could be asked. */
  image: { tag: string; present: boolean | undefined };
  /** kind is built with the node image; labs cannot create clusters without it. */
  kindPresent: boolean;
}

export type PlatformTask = { kind: 'host' } | { kind: 'image'; force: boolean };

export type PlatformPlan =
  | { kind: 'ready' }
  | { kind: 'prepare'; tasks: PlatformTask[] }
  | { kind: 'blocked'; problem: PlatformProblem };

export interface PlanOptions {
  /** Build what is missing (npm start: serve --build-missing); otherwise only say what to run. */
  build: boolean;
}

export const IMAGE_BUILD = 'npx cks-lab image build';

/**
 * Decides what stands between this server and its first lab. Host preparation runs only as root on
 * Debian/Ubuntu (and before a node image build there too, as the build needs the host's packages); without
 * root, or without --build-missing, the plan names the command to run instead.
 */
export function planPlatform(facts: PlatformFacts, options: PlanOptions): PlatformPlan {
  // without --build-missing nothing is prepared here, so root gets the command to run like anyone else
  const host = hostAction({
    engine: facts.engine,
    host: options.build ? facts.host : { ...facts.host, isRoot: false },
  });
  const imageReady = facts.image.present === true && facts.kindPresent;
  if (host.kind === 'none' && imageReady) return { kind: 'ready' };
  if (host.kind === 'instruct') return { kind: 'blocked', problem: host.problem };
  if (!options.build) return { kind: 'blocked', problem: imageProblem(facts) };
  // an image that exists without kind (cache cleared) is built again: kind comes out of the same build
  const image: PlatformTask = { kind: 'image', force: facts.image.present === true && !facts.kindPresent };
  return {
    kind: 'prepare',
    tasks: facts.host.isRoot && facts.host.isDebianLike ? [{ kind: 'host' }, image] : [image],
  };
}

function imageProblem(facts: PlatformFacts): PlatformProblem {
  if (facts.image.present) {
    return {
      message: `${facts.image.tag} exists but no kind binary does (it is built with the node image, into ~/.cache/cks-lab/bin); labs start by themselves once it is there.`,
      command: `${IMAGE_BUILD} --force`,
    };
  }
  return {
    message: `This checkout's node image ${facts.image.tag} is not built yet (about 20 minutes on 2 cores with empty caches; npm start builds it by itself); labs start by themselves once it exists.`,
    command: IMAGE_BUILD,
  };
}
