import { test, expect } from '../../fixtures/test.js';
import { discoverWorkload } from '../../load/run/discover.js';
import { runScenario } from '../../load/run/run-scenario.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { secretOf } from '../../load/target.js';
import { loadTargetOf, scenarioFile } from './load-helpers.js';
import { createStub } from './load-stub.js';

test.describe('open loop (constant arrival rate)', () => {
  test('queueing behind slow answers counts as latency (no coordinated omission)', async () => {
    // 2 connections at 50 req/s: one request due every 40 ms per connection, each answered after 120 ms (stub "slow")
    const [ok, slow] = await Promise.all([createStub('ok'), createStub('slow')]);
    try {
      const target = loadTargetOf(ok.target);
      const work = await discoverWorkload(target);
      const [s] = loadScenarioFile(
        scenarioFile(
          'scenarios: [{ name: f, operation: fetch, mode: open, rate: 50, connections: 2, warmup: 0, duration: 1 }]',
        ),
      );
      const r = await runScenario(s, {
        url: slow.url,
        publicUrl: slow.url,
        secret: secretOf(target),
        paths: work.fetch,
      });
      // a closed loop would see about 120 ms every time; the schedule falls 80 ms further behind with each request
      expect(r.latency.p50).toBeGreaterThan(1.5 * 120);
      expect(r.latency.max).toBeGreaterThan(2 * 120);
      expect(r.requests.total).toBeGreaterThan(0);
    } finally {
      await Promise.all([ok.stop(), slow.stop()]);
    }
  });
});
