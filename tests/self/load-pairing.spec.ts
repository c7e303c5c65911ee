import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect, test } from '../../fixtures/test.js';
import { failedOf, unreconciled } from '../../load/send/outcomes.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { runFetch, startPairStub } from './load-pair-stub.js';
import { answerBytes, createRawTarget, type RawTarget, type Respond } from './load-raw-target.js';
import { near, valueAtPercentile } from './load-truth-stub.js';

// Issue 19: answers judged against their own request whatever the connection does, and a polite close that costs nothing.
const RECEIPTS = 60;

/** Runs a short closed-loop fetch scenario against a raw target answering through `respond`. */
async function againstRaw(
  respond: Respond,
  keys = 'connections: 4, duration: 0.6',
): Promise<[ScenarioResult, RawTarget]> {
  const target = await createRawTarget(RECEIPTS, respond);
  try {
    return [await runFetch(target, keys), target];
  } finally {
    await target.stop();
  }
}

/** Every request in one bucket, nothing judged against another request's path, and every answer judged. */
function expectPaired(r: ScenarioResult): void {
  expect(unreconciled(r.outcomes, r.requests.sent), r.notes.join('\n')).toBeNull();
  expect(r.mismatches, r.invalid_examples.join('\n')).toBe(0);
  expect(r.sampled).toBe(r.outcomes.answered);
  expect(r.outcomes.answered).toBeGreaterThan(0);
}

test.describe('a polite close costs nothing', () => {
  for (const [mode, keys] of [
    ['closed loop', 'connections: 4, duration: 1'],
    ['open loop', 'mode: open, rate: 400, connections: 4, duration: 1'],
  ] as const) {
    test(`${mode}: a stub that closes each connection after its 20th answer (Connection: close) gets no error and no extra latency`, async () => {
      const stub = await startPairStub(RECEIPTS, { cap: 20 });
      const lag = monitorEventLoopDelay({ resolution: 1 });
      lag.enable();
      const r = await runFetch(stub, keys).finally(() => lag.disable());
      const record = await stub.stop();
      expectPaired(r);
      expect({ errors: failedOf(r.outcomes), resent: r.outcomes.resent, afterClose: record.afterClose }).toEqual({
        ...{ errors: 0, resent: 0 },
        afterClose: 0, // no request was written on a connection after its answer said Connection: close
      });
      expect(r.outcomes.answered).toBe(record.answered);
      expect(record.answered, 'enough answers for many closed connections').toBeGreaterThan(3 * 20);
      if (mode === 'closed loop') {
        const lagMs = lag.max / 1e6 + record.lagMs;
        near('p99', r.latency.p99, valueAtPercentile(record.serviceMs, 99), lagMs);
      }
    });
  }

  test('pipelining 4: the requests written behind the closing answer go again on the next connection', async () => {
    // a lingering close, as nginx does: the connection is ended after the 20th answer and what arrives later is read
    // and dropped (closing with requests unread would reset it, and the client could lose answers already sent)
    const perSocket = new WeakMap<object, number>();
    let answered = 0;
    const [r, target] = await againstRaw(({ socket, body, closing }) => {
      const n = (perSocket.get(socket) ?? 0) + 1;
      perSocket.set(socket, n);
      answered++;
      if (n < 20) return void socket.write(answerBytes(body));
      closing();
      socket.end(answerBytes(body, { connection: 'close' }));
    }, 'connections: 3, pipelining: 4, duration: 1');
    expectPaired(r);
    expect({ errors: failedOf(r.outcomes), answered: r.outcomes.answered }).toEqual({ errors: 0, answered });
    expect(r.outcomes.resent).toBeGreaterThan(0);
    expect(r.outcomes.resent).toBeGreaterThanOrEqual(target.afterClose);
  });

  test('HTTP/1.0 answers without keep-alive: each request on a new connection, none written on a closed one', async () => {
    const [r, target] = await againstRaw(({ socket, body, closing }) => {
      closing();
      socket.end(answerBytes(body).replace('HTTP/1.1', 'HTTP/1.0'));
    });
    expectPaired(r);
    expect({ errors: failedOf(r.outcomes), afterClose: target.afterClose }).toEqual({ errors: 0, afterClose: 0 });
  });
});

test.describe('answers the tool cannot pair are never judged', () => {
  test('an informational answer (103 Early Hints) before each answer: paired with nothing, the final answer judged', async () => {
    const hints = 'HTTP/1.1 103 Early Hints\r\nlink: </hint>; rel=preload\r\n\r\n';
    const [r, target] = await againstRaw(({ socket, body }) => socket.write(hints + answerBytes(body)));
    expectPaired(r);
    expect({ unpaired: r.outcomes.unpaired, errors: failedOf(r.outcomes) }).toEqual({ unpaired: 0, errors: 0 });
    expect(r.outcomes.answered).toBe(target.requests);
  });

  test('an extra answer sent with each answer: counted as unpaired, never judged against the next request', async () => {
    const [r] = await againstRaw(({ socket, body }) => socket.write(answerBytes(body) + answerBytes(body)));
    expectPaired(r);
    expect(r.outcomes.unpaired).toBeGreaterThan(0);
    expect(r.notes.join('\n')).toContain('answers arrived when no request was waiting for one');
  });

  test('a server that closes in the middle of every third answer: those fail after send, the rest are judged', async () => {
    let cut = 0;
    const [r, target] = await againstRaw(({ socket, body, n }) => {
      if (n % 3 !== 0) return void socket.write(answerBytes(body));
      cut++;
      socket.end(answerBytes(body).slice(0, -body.length / 2));
    });
    expectPaired(r);
    expect({ failed_after_send: r.outcomes.failed_after_send, answered: r.outcomes.answered }).toEqual({
      failed_after_send: cut,
      answered: target.requests - cut,
    });
  });
});
