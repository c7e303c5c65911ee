import { expect, test } from '../../fixtures/test.js';
import { create } from '../../emulator/server.js';
import { freezeTarget } from '../../client/settings.js';
import { runProbes } from '../contract/run-probes.js';
import { createRestartingFront } from './restarting-front.js';

// Issue 19 part 5: the contract suite against a target that restarts while it runs (its connections reset, its port
// refusing for a while, then back): the requests that failed are response_complete violations, and nothing else is:
// no content rule breaks on an answer paired with the wrong request, nothing hangs.
const DOWN_MS = 300;
/** What a failed request's violation says: a reset or a refused or closed connection, or not sent after those. */
const TRANSPORT = /^no complete response: (.*(ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|closed).*|not sent: .*)$/;

/** Runs the probes (fixed and generated) against the emulator behind a front that dies after `killAfter` requests. */
async function restartingRun(killAfter: number) {
  const emu = await create({ port: 0, host: '127.0.0.1' });
  const front = await createRestartingFront(Number(new URL(emu.url).port), { killAfter, downMs: DOWN_MS });
  try {
    const target = freezeTarget({ ...emu.target, authToken: emu.target.authToken, url: front.url, publicUrl: emu.url });
    const violations = await runProbes(target, { timeoutMs: 3000 });
    return { violations, front };
  } finally {
    front.stop();
    await emu.stop();
  }
}

test.describe('npm run contract against a target that restarts mid-run', () => {
  // one early (the fixed probes) and one late (the generated phase, after the fixed probes' ~100 requests)
  for (const killAfter of [12, 150]) {
    test(`killed after ${killAfter} requests: response_complete for the failed requests and nothing else`, async () => {
      const { violations, front } = await restartingRun(killAfter);
      expect(front.inFlightAtKill, 'the target died during the run').not.toBeNull();
      const other = violations.filter((v) => v.check !== 'response_complete');
      expect(other, 'violations of content rules').toEqual([]);
      // every request in flight at the kill failed, and so did each refused or not sent after it
      expect(violations.length).toBeGreaterThanOrEqual(Math.max(1, front.inFlightAtKill!));
      for (const v of violations) expect(v.message).toMatch(TRANSPORT);
      test.info().annotations.push({
        type: 'restart',
        description: `${front.requests} requests, ${front.inFlightAtKill} in flight at the kill, ${violations.length} response_complete`,
      });
    });
  }
});
