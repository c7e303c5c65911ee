import { test, expect } from '../../fixtures/test.js';
import { mergeHistograms } from '../../load/measure/histograms.js';
import { mergeResults } from '../../load/merge/merge-results.js';
import { parseOptions } from '../../load/run/options.js';
import { runLoad } from '../../load/run/run-load.js';
import { envOf, memoryReporter, reportDir, scenarioFile } from './load-helpers.js';
import { createStub } from './load-stub.js';

// Bounded by requests, not time, so the totals are exact whatever the machine's speed: 901 does not split evenly.
const N = 901;
const YAML = `scenarios:
  - { name: fetch, operation: fetch, connections: 6, warmup: 0, duration: 60, maxRequests: ${N},
      thresholds: ["requests.total == ${N}"] }
`;

test.describe('three shards apply a scenario once: their merge equals one run', () => {
  test('a request-bounded scenario: one run and three merged shards both answer exactly N, and the stub agrees', async () => {
    test.setTimeout(120_000); // a safety net on a shared machine, not a speed assertion
    const stub = await createStub('ok');
    const file = scenarioFile(YAML);
    const env = envOf(stub.target);
    const run = (extra: string[]) =>
      runLoad({ options: parseOptions([file, '--out', reportDir(), ...extra]), env, reporter: memoryReporter() });
    try {
      const before = stub.requests;
      const single = (await run([])).result;
      const afterSingle = stub.requests;
      const startAt = new Date(Date.now() + 1500).toISOString();
      const shards = await Promise.all([1, 2, 3].map((i) => run(['--shard', `${i}/3`, '--start-at', startAt])));
      const afterShards = stub.requests;
      const merged = mergeResults(shards.map((s) => s.result));
      const [one] = single.scenarios;
      const [all] = merged.scenarios;
      const parts = shards.map((s) => s.result.scenarios[0]);
      // the shares of N differ (301, 300, 300) and add up to N
      expect(parts.map((p) => p.requests.total).sort()).toEqual([300, 300, 301]);
      expect([one.requests.total, one.requests.sent]).toEqual([N, N]);
      expect([all.requests.total, all.requests.sent]).toEqual([N, N]);
      expect(all.latency.totalCount).toBe(N);
      expect(mergeHistograms(parts.map((p) => p.histogram)).totalCount).toBe(N);
      expect(all.status_codes).toEqual(one.status_codes);
      expect(all.thresholds.map((v) => [v.rule, v.passed])).toEqual([[`requests.total == ${N}`, true]]);
      // the stub saw each run's discovery plus N load requests: one discovery for the single run, three for the shards
      const discovery = afterSingle - before - N;
      expect(afterShards - afterSingle).toBe(3 * discovery + N);
    } finally {
      await stub.stop();
    }
  });
});
