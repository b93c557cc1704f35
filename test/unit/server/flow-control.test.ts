import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlowControl } from '../../../server/terminal/flow-control.js';

describe('flow control watermarks', () => {
  it('pauses once above the high watermark and resumes only below the low one', () => {
    const flow = new FlowControl(100, 20);
    assert.equal(flow.sent(60), false);
    assert.equal(flow.sent(60), true, 'crossing 100 pauses');
    assert.equal(flow.isPaused, true);
    assert.equal(flow.sent(10), false, 'already paused: no second pause');
    assert.equal(flow.acked(50), false, '80 pending is still above 20');
    assert.equal(flow.acked(65), true, '15 pending resumes');
    assert.equal(flow.isPaused, false);
    assert.equal(flow.pending, 15);
  });

  it('never counts below zero when the browser over-acknowledges', () => {
    const flow = new FlowControl(100, 20);
    flow.sent(10);
    flow.acked(500);
    assert.equal(flow.pending, 0);
  });

  it('does not let an ack larger than what was sent pay for output not sent yet', () => {
    const flow = new FlowControl(100, 20);
    flow.sent(10);
    assert.equal(flow.acked(1_000_000), false);
    assert.equal(flow.sent(101), true, 'output after the over-ack still pauses past the high watermark');
    assert.equal(flow.pending, 101);
  });

  it('rejects watermarks that cannot work', () => {
    assert.throws(() => new FlowControl(10, 10), /lowWater must be below highWater/);
  });
});
