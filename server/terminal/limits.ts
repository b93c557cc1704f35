import { MAX_INPUT_EVENT_CHARS } from './events.js';
import type { TokenBucketSpec } from './token-bucket.js';

/**
 * What one browser may cost the server. Every learner is treated as hostile: acknowledgements are not trusted
 * alone, input and attach/resize events are bounded, and a client that keeps ignoring a limit is disconnected.
 */
export interface TerminalLimits {
  /** Output held by the server for a browser (socket.io's write buffer + the websocket's): pause the shell above. */
  unsentHigh: number;
  /** ...and resume it below this. */
  unsentLow: number;
  /** Over this much unsent output the browser is disconnected at once. */
  unsentHardCap: number;
  /** A browser whose unsent output stays above unsentHigh this long is not reading: disconnect it. */
  stallMs: number;
  /** How long a disconnected client's last status may take to get out before the TCP connection is cut. */
  dropGraceMs: number;
  /** Longest `terminal:input` event, in characters. */
  maxInputChars: number;
  /** Input bytes written toward the shell but not yet taken by it; more input is refused above this. */
  maxPendingInputBytes: number;
  /** Attaches (each opens a shell: a node lookup and Docker API calls) per socket... */
  attachPerSocket: TokenBucketSpec;
  /** ...and per lab, so reconnecting with fresh sockets does not get around it. */
  attachPerLab: TokenBucketSpec;
  /** `terminal:resize` events per socket (Docker resize calls are coalesced to one in flight anyway). */
  resizeEvents: TokenBucketSpec;
  /** Refusals a socket may collect before it is disconnected (a flood, not a person typing fast). */
  refusals: TokenBucketSpec;
}

export const DEFAULT_TERMINAL_LIMITS: Readonly<TerminalLimits> = {
  unsentHigh: 256 * 1024,
  unsentLow: 64 * 1024,
  // a flush is at most about highWater characters; JSON can make one 6 bytes (\u001b), so this leaves room
  unsentHardCap: 4 * 1024 * 1024,
  stallMs: 20_000,
  dropGraceMs: 2_000,
  maxInputChars: MAX_INPUT_EVENT_CHARS,
  // a paste of a few hundred KB fits while tmux is reading it
  maxPendingInputBytes: 1024 * 1024,
  // a refresh or two, a reset, a second tab: plenty for a person, a trickle for a script
  attachPerSocket: { burst: 4, refillEveryMs: 2_500 },
  attachPerLab: { burst: 10, refillEveryMs: 2_000 },
  // dragging a window resizes at most once per animation frame (~60/s)
  resizeEvents: { burst: 120, refillEveryMs: 10 },
  refusals: { burst: 20, refillEveryMs: 1_000 },
};

export function resolveTerminalLimits(overrides: Partial<TerminalLimits> = {}): TerminalLimits {
  const limits = { ...DEFAULT_TERMINAL_LIMITS, ...overrides };
  if (!(limits.unsentLow < limits.unsentHigh && limits.unsentHigh < limits.unsentHardCap)) {
    throw new Error('terminal limits: need unsentLow < unsentHigh < unsentHardCap');
  }
  return limits;
}
