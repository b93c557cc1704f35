import { ensureLabFirewall, hostIptables } from '../../server/host-firewall/index.js';
import { runSteps, type ProgressSink, type Step } from '../../server/progress.js';
import { findGo } from '../runc-clamp/find-go.js';
import { readMissingCapabilities } from './capabilities.js';
import { installRuncClamp } from './clamp-install.js';
import {
  CLAMP_INSTALL_PATH,
  CLAMP_RUNTIME_NAME,
  DAEMON_JSON_PATH,
  registerClampRuntime,
} from './daemon-config.js';
import { applyDaemonConfig, startEngine } from './engine-control.js';
import { probeEngine, type EngineInfo } from './engine-status.js';
import { readHostIdentity } from './host-identity.js';
import { ensureLibModules, raiseInotifyLimits } from './kernel-settings.js';
import { manualSteps } from './manual-steps.js';
import {
  BROWSER_PACKAGE,
  GO_PACKAGE,
  HOST_PACKAGES,
  aptInstall,
  installedPackages,
  packagesToInstall,
} from './packages.js';
import { PROBE_IMAGE, probePrivileged } from './privileged-probe.js';

/** Raised before any change when this command cannot prepare the host; the message says what to do instead. */
export class HostNotSupportedError extends Error {
  override name = 'HostNotSupportedError';
}

export interface PrepareOptions {
  /** Also install Debian's chromium for the e2e tests. */
  withBrowser?: boolean;
}

interface PrepareContext extends PrepareOptions {
  /** Capabilities privileged containers need but the bounding set lacks; empty on a normal host. */
  missingCapabilities: string[];
  daemonConfigChanged: boolean;
}

const ALREADY_DONE = 'already done';

const steps: Step<PrepareContext>[] = [
  {
    name: 'packages',
    async run(ctx, info) {
      const needs = [...HOST_PACKAGES];
      if (ctx.missingCapabilities.length > 0 && !(await findGo())) needs.push(GO_PACKAGE); // to build the clamp
      if (ctx.withBrowser) needs.push(BROWSER_PACKAGE);
      const missing = packagesToInstall(needs, await installedPackages(needs.flatMap((n) => n.alternatives)));
      if (missing.length === 0) return info(`${ALREADY_DONE}: ${needs.map((n) => n.install).join(', ')}`);
      info(`installing ${missing.join(', ')}`);
      await aptInstall(missing, info);
      info(`installed ${missing.join(', ')}`);
    },
  },
  {
    name: 'inotify limits',
    async run(_ctx, info) {
      const done = await raiseInotifyLimits();
      info(done.length ? done.join('; ') : ALREADY_DONE);
    },
  },
  {
    name: '/lib/modules',
    async run(_ctx, info) {
      info((await ensureLibModules()) ? 'created an empty /lib/modules (kind bind-mounts it)' : ALREADY_DONE);
    },
  },
  {
    name: 'capability clamp',
    async run(ctx, info) {
      if (ctx.missingCapabilities.length === 0) {
        return info('not needed: the capability bounding set is complete');
      }
      info(
        `the bounding set lacks ${ctx.missingCapabilities.join(', ')}: privileged containers need the clamp`,
      );
      info(
        (await installRuncClamp())
          ? `installed ${CLAMP_INSTALL_PATH}`
          : `${CLAMP_INSTALL_PATH}: ${ALREADY_DONE}`,
      );
      ctx.daemonConfigChanged = await registerClampRuntime();
      info(
        ctx.daemonConfigChanged
          ? `registered "${CLAMP_RUNTIME_NAME}" as the default runtime in ${DAEMON_JSON_PATH}`
          : `${DAEMON_JSON_PATH}: ${ALREADY_DONE}`,
      );
    },
  },
  {
    name: 'Docker engine',
    async run(ctx, info) {
      const until = ctx.missingCapabilities.length
        ? (engine: EngineInfo) => engine.defaultRuntime === CLAMP_RUNTIME_NAME
        : undefined;
      const probe = await probeEngine();
      let engine: EngineInfo;
      if (!probe.reachable) engine = await startEngine({ info, until });
      else if (ctx.daemonConfigChanged || (until && !until(probe.info)))
        engine = await applyDaemonConfig({ info, until });
      else {
        engine = probe.info;
        info(ALREADY_DONE);
      }
      info(`engine ${engine.serverVersion} answers; default runtime ${engine.defaultRuntime}`);
    },
  },
  {
    // also done by every cluster create (rules vanish with a reboot or a firewall reload); here so a prepared
    // host is protected before its first lab
    name: 'lab firewall',
    async run(_ctx, info) {
      info(await ensureLabFirewall(hostIptables()));
    },
  },
  {
    name: 'privileged containers',
    async run(_ctx, info) {
      await probePrivileged();
      info(`docker run --privileged and docker exec into it work (image ${PROBE_IMAGE})`);
    },
  },
];

/**
 * Idempotent host set-up for cks-lab on Debian/Ubuntu as root. Refuses (changing nothing) elsewhere, with
 * instructions for doing it by hand.
 */
export async function prepareHost(progress: ProgressSink, options: PrepareOptions = {}): Promise<void> {
  const host = await readHostIdentity();
  const problems = [
    ...(host.isRoot ? [] : ['it must run as root: sudo npx cks-lab host prepare']),
    ...(host.isDebianLike ? [] : [`it supports Debian and Ubuntu (apt), not ${host.osName}`]),
  ];
  if (problems.length) {
    throw new HostNotSupportedError(
      `host prepare changed nothing: ${problems.join('; ')}.\n${manualSteps()}`,
    );
  }
  const ctx: PrepareContext = {
    ...options,
    missingCapabilities: await readMissingCapabilities(),
    daemonConfigChanged: false,
  };
  await runSteps(steps, ctx, progress);
}
