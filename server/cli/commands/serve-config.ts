import { join, resolve } from 'node:path';
import type { TrustProxySetting } from '../../app.js';
import type { RecordingSettings } from '../../terminal/recordings.js';
import { DEFAULT_LAB_CONFIG, type LabConfig } from '../../labs/config.js';
import { defaultPoolSpec, parsePoolSpec, PoolSpecError, type PoolSpec } from '../../labs/pool-spec.js';
import { UserError } from '../user-error.js';
import { defaultMaxLabsOrExplain } from './default-max-labs.js';
import { parseAllowedHosts, parseTrustProxy } from './serve-access.js';

export interface ServeConfig {
  port: number;
  host: string;
  dataDir: string;
  allowedOrigins: string[] | null;
  /** Host names served besides localhost and IP literals (DNS rebinding guard). */
  allowedHosts: string[];
  /** Which proxies may state the client's address and scheme. */
  trustProxy: TrustProxySetting;
  sessionTtlMs: number;
  terminalGraceMs: number;
  lab: LabConfig;
  pool: PoolConfig;
  /** Terminal recording (CKS_LAB_RECORDING=off turns it off: undefined). */
  recording: RecordingSettings | undefined;
}

export interface PoolConfig {
  spec: PoolSpec;
  /** Where the spec came from, for messages: --pool, CKS_LAB_POOL or the default. */
  source: '--pool' | 'CKS_LAB_POOL' | 'default';
  /** Pooled clusters created at once (CKS_LAB_POOL_CREATES). */
  maxConcurrentCreates: number;
}

export interface ServeFlags {
  port?: string;
  host?: string;
  pool?: string;
  trustProxy?: string;
  allowedHosts?: string;
}

/** Reads PORT and the CKS_LAB_* variables; a bad value is a usage error naming the variable. */
export function readServeConfig(env: NodeJS.ProcessEnv, flags: ServeFlags): ServeConfig {
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    return wholeNumber(name, raw, min, max);
  };
  const port =
    flags.port !== undefined ? wholeNumber('--port', flags.port, 0, 65535) : whole('PORT', 3000, 0, 65535);
  const host = flags.host ?? env.CKS_LAB_HOST ?? '127.0.0.1';
  const allowedOrigins = parseOrigins(env.CKS_LAB_ALLOWED_ORIGINS);
  const dataDir = resolve(env.CKS_LAB_DATA_DIR || './data');
  return {
    port,
    host,
    dataDir,
    allowedOrigins,
    allowedHosts:
      flags.allowedHosts !== undefined
        ? parseAllowedHosts(flags.allowedHosts, '--allowed-hosts', {
            origins: allowedOrigins,
            listenHost: host,
          })
        : parseAllowedHosts(env.CKS_LAB_ALLOWED_HOSTS, 'CKS_LAB_ALLOWED_HOSTS', {
            origins: allowedOrigins,
            listenHost: host,
          }),
    trustProxy:
      flags.trustProxy !== undefined
        ? parseTrustProxy(flags.trustProxy, '--trust-proxy')
        : parseTrustProxy(env.CKS_LAB_TRUST_PROXY, 'CKS_LAB_TRUST_PROXY'),
    sessionTtlMs: whole('CKS_LAB_SESSION_DAYS', 7, 1, 365) * 86_400_000,
    terminalGraceMs: whole('CKS_LAB_TERMINAL_GRACE_SECONDS', 120, 1, 86_400) * 1000,
    lab: {
      ...DEFAULT_LAB_CONFIG,
      maxLabs: whole('CKS_LAB_MAX_LABS', defaultMaxLabsOrExplain(env), 1, 500),
      labsPerLearner: whole('CKS_LAB_LABS_PER_LEARNER', DEFAULT_LAB_CONFIG.labsPerLearner, 1, 20),
      idleTimeoutMs:
        whole('CKS_LAB_IDLE_MINUTES', DEFAULT_LAB_CONFIG.idleTimeoutMs / 60_000, 1, 7 * 24 * 60) * 60_000,
    },
    pool: { ...readPoolSpec(env, flags), maxConcurrentCreates: whole('CKS_LAB_POOL_CREATES', 1, 1, 16) },
    recording: recordingIsOn(env.CKS_LAB_RECORDING)
      ? {
          dir: join(dataDir, 'recordings'),
          maxBytes: whole('CKS_LAB_RECORDING_MAX_MB', 10, 1, 1024) * 1048576,
          retentionDays: whole('CKS_LAB_RECORDING_DAYS', 30, 1, 3650),
        }
      : undefined,
  };
}

/** CKS_LAB_RECORDING: on (the default) or off. */
function recordingIsOn(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'on') return true;
  if (raw === 'off') return false;
  throw new UserError(`invalid CKS_LAB_RECORDING="${raw}": use on or off`, 2);
}

/** --pool wins over CKS_LAB_POOL; neither (or an empty variable) means the default pool. */
function readPoolSpec(env: NodeJS.ProcessEnv, flags: ServeFlags): Pick<PoolConfig, 'spec' | 'source'> {
  const given =
    flags.pool !== undefined
      ? { raw: flags.pool, source: '--pool' as const }
      : env.CKS_LAB_POOL
        ? { raw: env.CKS_LAB_POOL, source: 'CKS_LAB_POOL' as const }
        : undefined;
  if (!given) return { spec: defaultPoolSpec(), source: 'default' };
  try {
    return { spec: parsePoolSpec(given.raw, given.source), source: given.source };
  } catch (error) {
    if (error instanceof PoolSpecError) throw new UserError(error.message, 2);
    throw error;
  }
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UserError(`invalid ${name}="${raw}": use a whole number from ${min} to ${max}`, 2);
  }
  return Number(raw);
}

/** "http://a:3000, https://b" → exact origins; unset → null (same-origin only). */
function parseOrigins(raw: string | undefined): string[] | null {
  if (!raw?.trim()) return null;
  return raw.split(',').map((item, index) => {
    const value = item.trim();
    let url: URL;
    try {
      url = new URL(value);
    } catch (error) {
      throw new UserError(
        `invalid CKS_LAB_ALLOWED_ORIGINS entry ${index + 1} "${value}": ${(error as Error).message}; use e.g. http://lab.example:3000`,
        2,
      );
    }
    if (url.origin !== value.replace(/\/$/, '')) {
      throw new UserError(
        `invalid CKS_LAB_ALLOWED_ORIGINS entry ${index + 1} "${value}": give only scheme://host[:port], e.g. ${url.origin}`,
        2,
      );
    }
    return url.origin;
  });
}
