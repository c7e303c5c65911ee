import { expect, test } from '../../fixtures/test.js';
import { bucketsLine, expectExact, MODES, restarted } from './load-restart-runs.js';

// npm run soak:restarts (SOAK_RESTARTS=N, default 60): the restart self-tests of load-restarts.spec.ts, each mode and
// the swapping stub killed and restarted N times in one long run; skipped in npm test.
const RESTARTS = Number(process.env.SOAK_RESTARTS ?? 0);
/** Up 0.7 s, down 0.3 s; the run lasts twice that per restart, as start-ups and kills are slow on a busy machine. */
const PLAN = { restarts: RESTARTS, upMs: 700, downMs: 300 };
const SECONDS = RESTARTS * 2 + 2;

test.describe('soak: a target restarted many times on the same port', () => {
  test.skip(RESTARTS === 0, 'npm run soak:restarts runs it');
  test.describe.configure({ mode: 'default', timeout: (SECONDS + 120) * 1000 });
  const cases = [
    ...MODES.map(([mode, keys, inFlight]) => [mode, keys, { inFlight }] as const),
    ['closed loop, swapping stub', 'connections: 8', { swap: true }] as const,
  ];
  for (const [mode, keys, o] of cases) {
    test(`${mode}: ${RESTARTS} restarts, every answer judged against its own request, buckets exact`, async () => {
      // bounded by time, not by the default maxRequests: a quick machine sends that many before the last restart
      const bounds = `duration: ${SECONDS}, maxRequests: 100000000`;
      const { result: r, records, restarts } = await restarted(`${keys}, ${bounds}`, PLAN, o);
      console.log(`soak ${mode}: ${bucketsLine(r, records)}`);
      // on a very busy machine the run may end a few restarts short: what is judged is every answer over those it had
      expect(restarts.length).toBeGreaterThanOrEqual(Math.floor(RESTARTS * 0.9));
      expectExact(r, records);
      if (!('swap' in o)) expect(r.mismatches).toBe(0);
    });
  }
});
