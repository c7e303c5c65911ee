import { expect, test } from '../../fixtures/test.js';
import { unreconciled } from '../../load/outcomes.js';
import type { ScenarioResult } from '../../load/scenario-result.js';
import {
  runFetch,
  withRestarts,
  type PairOptions,
  type PairRecord,
  type Restarted,
  type RestartPlan,
} from './load-pair-stub.js';

// Issue 19: a target killed and started again on the same port mid-run, against a stub that answers each request with
// its own receipt and keeps its own count (tests/self/load-pair-server.ts). The long soak: npm run soak:restarts.
const RECEIPTS = 120;
/** Two restarts in a run of 2.5 s: up 0.5 s, killed, down 0.25 s (connections refused), up again on the same port. */
const PLAN: RestartPlan = { restarts: 2, upMs: 500, downMs: 250 };
const MODES = [
  ['closed loop', 'connections: 6', 1],
  ['closed loop, pipelining 4', 'connections: 4, pipelining: 4', 4],
  ['open loop', 'mode: open, rate: 600, connections: 6', 1],
] as const;

/** The stub processes' records added up. */
function total(records: PairRecord[]): Omit<PairRecord, 'serviceMs' | 'lagMs'> {
  const sum = (k: 'received' | 'answered' | 'held' | 'swapped' | 'afterClose'): number =>
    records.reduce((n, r) => n + r[k], 0);
  return {
    received: sum('received'),
    answered: sum('answered'),
    held: sum('held'),
    swapped: sum('swapped'),
    afterClose: sum('afterClose'),
  };
}

/** Runs one fetch scenario (YAML keys, every answer judged) against a pairing stub restarted per the plan. */
const restarted = (keys: string, plan: RestartPlan, o: Partial<PairOptions> = {}): Promise<Restarted<ScenarioResult>> =>
  withRestarts(RECEIPTS, o, plan, (a) => runFetch(a, keys));

/** The tool's buckets against the stub's own count: exact, and every answer judged against its own request. */
export function expectExact(r: ScenarioResult, records: PairRecord[]): void {
  const stub = total(records);
  const o = r.outcomes;
  test.info().annotations.push({
    type: 'buckets',
    description: `${records.length - 1} restarts; tool ${JSON.stringify({ ...o, sent: r.requests.sent, invalid: r.mismatches })}; stub ${JSON.stringify(stub)}`,
  });
  expect(unreconciled(o, r.requests.sent), r.notes.join('\n')).toBeNull();
  const tool = { answered: o.answered, sent: r.requests.sent, failed_after_send: o.failed_after_send };
  expect(tool).toEqual({ answered: stub.answered, sent: stub.received, failed_after_send: stub.held });
  expect({ timed_out: o.timed_out, unpaired: o.unpaired, sampled: r.sampled }).toEqual({
    ...{ timed_out: 0, unpaired: 0 },
    sampled: o.answered,
  });
  expect(r.mismatches, r.invalid_examples.join('\n')).toBe(stub.swapped);
}

test.describe('a target restarted on the same port mid-run: every answer judged against its own request', () => {
  for (const [mode, keys, inFlight] of MODES) {
    test(`${mode}: zero invalid, and each bucket equals the stub's own count`, async () => {
      test.setTimeout(60_000); // a safety net for a loaded machine, not a speed bar
      const { result: r, records, restarts } = await restarted(`${keys}, duration: 2.5`, PLAN, { inFlight });
      // the first restart's process is forked before the load; a later one may come too late on a busy machine
      expect(restarts.length).toBeGreaterThanOrEqual(1);
      expectExact(r, records);
      expect(r.mismatches).toBe(0);
      expect(r.outcomes.connect_failed, 'connections were refused while the stub was down').toBeGreaterThan(0);
      expect(r.outcomes.failed_after_send, 'requests in flight met the kill').toBeGreaterThan(0);
      const outages = r.notes.filter((n) => n.startsWith('no answer from '));
      expect(outages.length, r.notes.join('\n')).toBeGreaterThanOrEqual(1);
      expect(outages.join('\n')).toContain('connection refused');
    });
  }

  test('a stub that swaps answers under concurrency, restarted too: invalid equals the swapped answers exactly', async () => {
    test.setTimeout(60_000);
    const { result: r, records } = await restarted('connections: 8, duration: 2.5', PLAN, { swap: true });
    expectExact(r, records);
    expect(r.mismatches).toBeGreaterThan(0);
    expect(r.invalid_examples[0]).toMatch(/^\[receipt_path_sids\] \/sid: expected /);
  });
});
