import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCast, parseSize } from '../../../web/src/replay/cast.js';

const header = JSON.stringify({ version: 2, width: 100, height: 30, idle_time_limit: 2, title: 'demo' });
const line = (...event: unknown[]) => JSON.stringify(event);

describe('reading a terminal recording for replay (learner-made bytes)', () => {
  it('keeps events in order, shortens idle stretches to the limit and lists the Checks', () => {
    const cast = parseCast(
      [
        header,
        line(0.5, 'o', 'root@controlplane:~# '),
        line(1.0, 'o', 'kubectl get ns\r\n'),
        line(61.0, 'r', '120x40'), // a minute away: two seconds on the replay
        line(62.5, 'm', 'Check: 1/2 tasks pass (50 %)'),
        line(63.0, 'o', 'done\r\n'),
        '',
      ].join('\n'),
    );
    assert.equal(cast.width, 100);
    assert.equal(cast.height, 30);
    assert.deepEqual(
      cast.events.map((e) => [e.at, e.code]),
      [
        [0.5, 'o'],
        [1.0, 'o'],
        [3.0, 'r'],
        [4.5, 'm'],
        [5.0, 'o'],
      ],
    );
    assert.equal(cast.duration, 5.0);
    assert.deepEqual(cast.markers, [{ at: 4.5, label: 'Check: 1/2 tasks pass (50 %)', index: 3 }]);
  });

  it('skips lines that are not events and never lets time run backwards', () => {
    const cast = parseCast(
      [
        header,
        'not json',
        line(1, 'o'),
        line(1, 'x', 'unknown code'),
        line('1', 'o', 'string time'),
        line(2, 'o', 'kept'),
        line(1.5, 'o', 'late'),
        JSON.stringify({ 0: 1 }),
      ].join('\n'),
    );
    assert.deepEqual(
      cast.events.map((e) => [e.at, e.data]),
      [
        [2, 'kept'],
        [2, 'late'],
      ],
    );
  });

  it('refuses a file without an asciicast v2 header, and clamps sizes', () => {
    assert.throws(() => parseCast('<html>'), /no asciicast header/);
    assert.throws(() => parseCast(JSON.stringify({ version: 1 })), /not asciicast version 2/);
    const odd = parseCast(JSON.stringify({ version: 2, width: 1e9, height: -3 }));
    assert.deepEqual([odd.width, odd.height], [80, 24]);
    assert.deepEqual(parseSize('120x40'), { cols: 120, rows: 40 });
    assert.equal(parseSize('99999x1'), undefined);
    assert.equal(parseSize('12x40;rm'), undefined);
  });
});
