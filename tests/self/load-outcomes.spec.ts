import { expect, test } from '../../fixtures/test.js';
import { createOutageWatch, MIN_OUTAGE_MS } from '../../load/measure/outage-watch.js';
import { addOutcomes, bucketsOf, failedOf, noOutcomes, sentOf, unreconciled } from '../../load/send/outcomes.js';

test.describe('request outcomes: one bucket each, and the sums that must hold', () => {
  const [fresh, resent] = [{}, { resent: true }];
  const cases = [
    ['never connected', fresh, { connected: false, timeout: false, stopped: false }, 'connect_failed'],
    ['never connected, run stopped', fresh, { connected: false, timeout: false, stopped: true }, 'not_sent'],
    ['never connected, sent before', resent, { connected: false, timeout: false, stopped: false }, 'failed_after_send'],
    ['connected, time-out', fresh, { connected: true, timeout: true, stopped: false }, 'timed_out'],
    ['connected, reset or closed', fresh, { connected: true, timeout: false, stopped: false }, 'failed_after_send'],
    ['connected, run stopped', fresh, { connected: true, timeout: false, stopped: true }, 'failed_after_send'],
  ] as const;
  for (const [what, entry, how, bucket] of cases) {
    test(`a request queued on a socket that ended (${what}) is ${bucket}`, () => {
      const n = bucketsOf([entry], how);
      expect(Object.entries(n).filter(([, k]) => k > 0)).toEqual([[bucket, 1]]);
    });
  }

  test('started = the five buckets, and sent = answered + timed out + failed after send; else it says what is off', () => {
    const o = { ...noOutcomes(), started: 10, answered: 5, timed_out: 1, connect_failed: 2, failed_after_send: 1 };
    expect(unreconciled({ ...o, not_sent: 1 }, 7)).toBeNull();
    expect(unreconciled(o, 7)).toBe('10 requests started but 9 ended in a bucket');
    expect(unreconciled({ ...o, not_sent: 1 }, 8)).toBe(
      '8 requests sent but answered + timed out + failed after send = 7',
    );
    expect([failedOf(o), sentOf(o)]).toEqual([4, 7]);
    expect(addOutcomes([o, o]).connect_failed).toBe(4);
  });
});

test.describe('outage watch: spans without an answer in which requests failed', () => {
  test('names the span from the last answer before to the first answer after, with each cause counted', () => {
    const w = createOutageWatch(1000);
    w.answer(4000);
    w.failure('failed_after_send', 'reset', 3);
    w.failure('connect_failed', 'refused', 40);
    w.failure('connect_failed', 'timeout', 1);
    w.answer(6100);
    expect(w.notes(9000)).toEqual([
      'no answer from 3.0 s to 5.1 s: connection reset ×3, connection refused ×40, connect timed out ×1',
    ]);
  });

  test('a failure among answers, or a gap shorter than the minimum, is no outage; one that never ends is named so', () => {
    const w = createOutageWatch(0);
    w.answer(500);
    w.failure('failed_after_send', 'closed', 1);
    w.answer(500 + MIN_OUTAGE_MS - 1);
    w.failure('timed_out', 'timeout', 2);
    w.failure('not_sent', 'stopped', 5); // not a failure of the target
    expect(w.notes(3000)).toEqual(['no answer from 0.6 s until the run ended at 3.0 s: timed out ×2']);
  });

  test('a target down from the start is out from 0 s; more than five spans are summed up', () => {
    const w = createOutageWatch(0);
    for (let i = 0; i < 7; i++) {
      w.failure('connect_failed', 'refused', 1);
      w.answer(1000 * (i + 1));
    }
    const notes = w.notes(8000);
    expect(notes[0]).toBe('no answer from 0.0 s to 1.0 s: connection refused ×1');
    expect(notes).toHaveLength(6);
    expect(notes[5]).toBe(`no answer in 2 more spans of at least ${MIN_OUTAGE_MS} ms`);
  });
});
