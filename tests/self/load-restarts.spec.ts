import { expect, test } from '../../fixtures/test.js';
import type { RestartPlan } from './load-pair-stub.js';
import { expectExact, MODES, restarted } from './load-restart-runs.js';

// Issue 19: a target killed and started again on the same port mid-run, against a stub that answers each request with
// its own receipt and keeps its own count (tests/self/load-pair-server.ts). The long soak: npm run soak:restarts.
/** Two restarts in a run of 2.5 s: up 0.5 s, killed, down 0.25 s (connections refused), up again on the same port. */
const PLAN: RestartPlan = { restarts: 2, upMs: 500, downMs: 250 };

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
