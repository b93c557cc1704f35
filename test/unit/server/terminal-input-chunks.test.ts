import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkTerminalInput } from '../../../web/src/lab/input-chunks.js';

describe('splitting terminal input (what the browser sends for a paste)', () => {
  it('keeps short input as one event', () => {
    assert.deepEqual(chunkTerminalInput('ls -la\r', 16), ['ls -la\r']);
    assert.deepEqual(chunkTerminalInput('', 16), []);
  });

  it('cuts a long paste into events of at most the limit that join back to the paste', () => {
    const paste = 'kubectl get pods\r'.repeat(100);
    const chunks = chunkTerminalInput(paste, 64);
    assert.ok(chunks.every((c) => c.length <= 64));
    assert.equal(chunks.join(''), paste);
  });

  it('never cuts an emoji (a surrogate pair) in half', () => {
    const paste = 'abc😀def';
    const chunks = chunkTerminalInput(paste, 4); // a plain cut after 4 would split 😀's two halves
    assert.deepEqual(chunks, ['abc', '😀de', 'f']);
    for (const chunk of chunks) {
      assert.doesNotMatch(
        chunk,
        /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/,
        `${JSON.stringify(chunk)} has half a pair`,
      );
    }
  });
});
