// Terminal recording size per hour of typing (issue 12's figure): an hour of a learner at work replayed through the
// real recorder with a simulated clock, every keystroke echoed as its own output (a person types slower than a
// flush), each command answered with output the size kubectl's usually is. Ratio: bytes on disk per byte shown.
//   npm run bench -- --only recording
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../server/log.js';
import { TerminalRecordings } from '../server/terminal/recordings.js';
import { benchSelected } from './support/select.js';

if (!benchSelected('recording')) process.exit(0);

/** The model: a command every 30 s, 40 characters typed at 4 per second, 1.5 KB of output, then the prompt. */
const COMMANDS_PER_HOUR = 120;
const COMMAND_CHARS = 40;
const KEY_INTERVAL_MS = 250;
const OUTPUT_BYTES = 1536;
const PROMPT = 'root@controlplane:~# ';

const dir = await mkdtemp(join(tmpdir(), 'cks-recording-bench-'));
let now = Date.UTC(2026, 11, 1, 9);
const logger = createLogger('bench');
logger.level = 'warn';
const recordings = new TerminalRecordings(
  { dir, maxBytes: 1024 * 1048576, retentionDays: 1 },
  logger,
  () => now,
);
await recordings.start();
recordings.started('bench0001', { rows: 40, cols: 120 }, 'bench');
let shown = 0;
const show = (data: string): void => {
  recordings.output('bench0001', data);
  shown += Buffer.byteLength(data);
};
const outputLine = 'pod/frontend-7c9f8d6b5-x2x9q   1/1     Running   0          12m\r\n';
const started = now;
for (let command = 0; command < COMMANDS_PER_HOUR; command += 1) {
  show(PROMPT);
  for (let key = 0; key < COMMAND_CHARS; key += 1) {
    now += KEY_INTERVAL_MS;
    show(String.fromCharCode(97 + (key % 26)));
  }
  now += KEY_INTERVAL_MS;
  show('\r\n');
  show(outputLine.repeat(Math.ceil(OUTPUT_BYTES / outputLine.length)));
  now = started + (command + 1) * (3_600_000 / COMMANDS_PER_HOUR);
}
await recordings.finish('bench0001');
const bytes = (await stat(join(dir, 'bench0001.cast'))).size;
await rm(dir, { recursive: true, force: true });
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `recording of an hour of typing (${COMMANDS_PER_HOUR} commands of ${COMMAND_CHARS} keys, ${OUTPUT_BYTES} B output each): ` +
    `${kib(bytes)} on disk for ${kib(shown)} shown, ratio ${(bytes / shown).toFixed(2)}; ` +
    `the default 10 MiB cap holds ${((10 * 1048576) / bytes).toFixed(1)} such hours`,
);
