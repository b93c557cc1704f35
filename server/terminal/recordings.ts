import { appendFile, open, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import type { Attempt } from '../store/index.js';
import { ensurePrivateDir } from '../store/private-dir.js';
import type { TerminalSize } from './events.js';

export interface RecordingSettings {
  /** Where the .cast files live (the data dir's recordings/). */
  dir: string;
  /** A lab's recording stops growing here (a `yes` flood must not fill the disk). */
  maxBytes: number;
  /** Recordings older than this are deleted (at start and every few hours). */
  retentionDays: number;
}

/** What the terminal hub tells a recorder: a learner's shell attached, printed, resized. */
export interface TerminalRecorder {
  started(labId: string, size: TerminalSize, title: string): void;
  output(labId: string, data: string): void;
  resized(labId: string, size: TerminalSize): void;
}

interface Recording {
  /** Epoch ms the recording's times count from (the header's timestamp). */
  startMs: number;
  bytes: number;
  capped: boolean;
  /** False until the file is known (header written, or an earlier one read): nothing is flushed before. */
  ready: boolean;
  buffer: string;
  timer: NodeJS.Timeout | undefined;
}

/** Replayers compress idle stretches to this many seconds (asciicast's own hint; our player honours it too). */
export const IDLE_TIME_LIMIT_S = 2;
const FLUSH_AFTER_MS = 250;
const FLUSH_AT_CHARS = 64 * 1024;
const PRUNE_EVERY_MS = 6 * 3_600_000;
const LAB_ID = /^[a-z0-9]{1,32}$/;

/**
 * Every lab's terminal as asciicast v2 (one header line, then `[seconds, code, data]` lines: "o" output, "r"
 * resize, "m" marker), appended in batches. What the learner's browser was sent is what is kept, so a replay
 * shows what they saw; keys are not recorded (the shell echoes what was typed, and never a password prompt's).
 */
export class TerminalRecordings implements TerminalRecorder {
  private readonly byLab = new Map<string, Recording>();
  private writes: Promise<void> = Promise.resolve();
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly settings: RecordingSettings,
    private readonly logger: Logger,
    /** Epoch ms now; a bench replays an hour of typing in a moment with its own clock. */
    private readonly clock: () => number = Date.now,
  ) {}

  /** Makes the directory, prunes old recordings and keeps pruning. */
  async start(): Promise<void> {
    await ensurePrivateDir(this.settings.dir);
    await this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  pathOf(labId: string): string {
    if (!LAB_ID.test(labId)) throw new Error(`not a lab id: ${labId}`);
    return join(this.settings.dir, `${labId}.cast`);
  }

  started(labId: string, size: TerminalSize, title: string): void {
    const known = this.byLab.get(labId);
    if (known) {
      this.resized(labId, size);
      return;
    }
    // a recording from before a restart goes on (its times still count from its header); else a new one starts
    const recording: Recording = {
      startMs: this.clock(),
      bytes: 0,
      capped: false,
      ready: false,
      buffer: '',
      timer: undefined,
    };
    this.byLab.set(labId, recording);
    const attachedAt = this.clock();
    this.queue(async () => {
      const existing = await readHeader(this.pathOf(labId));
      if (existing) {
        // times go on from the earlier header; the size of this attach comes before what it printed meanwhile
        const offset = recording.startMs - existing.timestamp * 1000;
        recording.startMs = existing.timestamp * 1000;
        recording.bytes = existing.bytes;
        recording.buffer = shiftTimes(recording.buffer, offset);
        recording.buffer =
          eventLine((attachedAt - recording.startMs) / 1000, 'r', `${size.cols}x${size.rows}`) +
          recording.buffer;
        recording.ready = true;
        this.flush(labId, recording);
        return;
      }
      const header = {
        version: 2,
        width: size.cols,
        height: size.rows,
        timestamp: Math.floor(recording.startMs / 1000),
        idle_time_limit: IDLE_TIME_LIMIT_S,
        title,
        env: { TERM: 'xterm-256color', SHELL: '/bin/bash' },
      };
      const line = `${JSON.stringify(header)}\n`;
      // written over whatever is there: a file without a readable header is no recording to go on with
      await writeFile(this.pathOf(labId), line, { mode: 0o600 });
      recording.bytes += Buffer.byteLength(line);
      recording.ready = true;
      this.flush(labId, recording);
    });
  }

  output(labId: string, data: string): void {
    const recording = this.byLab.get(labId);
    if (recording) this.append(labId, recording, 'o', data);
  }

  resized(labId: string, size: TerminalSize): void {
    const recording = this.byLab.get(labId);
    if (recording) this.append(labId, recording, 'r', `${size.cols}x${size.rows}`);
  }

  /** A labelled point on the replay's timeline (a Check and its result). */
  marker(labId: string, label: string): void {
    const recording = this.byLab.get(labId);
    if (recording) this.append(labId, recording, 'm', label);
  }

  /** The lab ended: what is buffered is written, and the recording is complete. */
  async finish(labId: string): Promise<void> {
    await this.settle(labId);
    this.byLab.delete(labId);
  }

  /** The recording's bytes, or undefined when the lab has none; whatever is buffered is written first. */
  async read(labId: string): Promise<Buffer | undefined> {
    await this.settle(labId);
    try {
      return await readFile(this.pathOf(labId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    for (const labId of [...this.byLab.keys()]) await this.settle(labId);
    this.byLab.clear();
  }

  /** Deletes recordings older than the retention; returns how many. */
  async prune(now = this.clock()): Promise<number> {
    const cutoff = now - this.settings.retentionDays * 86_400_000;
    let removed = 0;
    const names = await readdir(this.settings.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.cast')) continue;
      const path = join(this.settings.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info || info.mtimeMs >= cutoff) continue;
      await unlink(path).catch(() => undefined);
      removed += 1;
    }
    if (removed > 0) this.logger.info({ removed }, 'old terminal recordings deleted');
    return removed;
  }

  /** Everything recorded so far is in the file (after the header step, which may still be queued). */
  private async settle(labId: string): Promise<void> {
    await this.writes;
    const recording = this.byLab.get(labId);
    if (recording) this.flush(labId, recording);
    await this.writes;
  }

  private append(labId: string, recording: Recording, code: 'o' | 'r' | 'm', data: string): void {
    if (recording.capped) return;
    const seconds = (this.clock() - recording.startMs) / 1000;
    const line = eventLine(seconds, code, data);
    const room = this.settings.maxBytes - recording.bytes - Buffer.byteLength(recording.buffer);
    if (Buffer.byteLength(line) > room) {
      recording.capped = true;
      const limit = sizeText(this.settings.maxBytes);
      recording.buffer += eventLine(seconds, 'm', `recording stopped: it reached its ${limit} limit`);
      this.flush(labId, recording);
      return;
    }
    recording.buffer += line;
    if (recording.buffer.length >= FLUSH_AT_CHARS) this.flush(labId, recording);
    else recording.timer ??= setTimeout(() => this.flush(labId, recording), FLUSH_AFTER_MS);
  }

  private flush(labId: string, recording: Recording): void {
    if (!recording.ready) return;
    clearTimeout(recording.timer);
    recording.timer = undefined;
    const chunk = recording.buffer;
    if (!chunk) return;
    recording.buffer = '';
    this.queue(async () => {
      await appendFile(this.pathOf(labId), chunk, { mode: 0o600 });
      recording.bytes += Buffer.byteLength(chunk);
    });
  }

  /** Writes one after the other, so lines never interleave; a failed write is logged, not thrown at a terminal. */
  private queue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'writing a terminal recording failed');
    });
  }
}

const sizeText = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;

function eventLine(seconds: number, code: 'o' | 'r' | 'm', data: string): string {
  return `${JSON.stringify([Number(Math.max(0, seconds).toFixed(3)), code, data])}\n`;
}

/** Buffered lines timed from a provisional start, moved onto the earlier header's clock. */
function shiftTimes(buffer: string, offsetMs: number): string {
  if (!buffer) return buffer;
  return buffer
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [seconds, code, data] = JSON.parse(line) as [number, 'o' | 'r' | 'm', string];
      return eventLine(seconds + offsetMs / 1000, code, data);
    })
    .join('');
}

/** A Check's marker label: "Check: 2/3 tasks pass (67 %)". */
export function checkMarker(attempt: Pick<Attempt, 'tasks' | 'score'>): string {
  const passing = attempt.tasks.filter((task) => task.status === 'pass').length;
  return `Check: ${passing}/${attempt.tasks.length} tasks pass (${Math.round(attempt.score)} %)`;
}

/** The header's timestamp and the file's size, when a readable recording exists (read bounded: 4 KiB). */
async function readHeader(path: string): Promise<{ timestamp: number; bytes: number } | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await handle.read(head, 0, head.length, 0);
    const firstLine = head.toString('utf8').split('\n')[0] ?? '';
    const header = JSON.parse(firstLine) as { timestamp?: unknown };
    return typeof header.timestamp === 'number' ? { timestamp: header.timestamp, bytes: size } : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
