import { test, expect } from '../../fixtures/test.js';
import { parseOptions } from '../../load/run/options.js';
import { MAX_RETRY_WAIT_S } from '../../load/run/rate-limit.js';
import { runLoad } from '../../load/run/run-load.js';
import { envOf, memoryReporter, reportDir, scenarioFile } from './load-helpers.js';
import { createStub } from './load-stub.js';

const CONNECTIONS = 4;
const DISCOVERY = 3; // 120 receipts at PageSize 50: three pages, answered before the stub turns to 429
const scenarios = (warmup: number): string => `scenarios:
  - { name: fetch, operation: fetch, warmup: ${warmup}, duration: 2, connections: ${CONNECTIONS} }
  - { name: list, operation: list, warmup: ${warmup}, duration: 2, connections: ${CONNECTIONS} }
  - { name: fetch-again, operation: fetch, warmup: ${warmup}, duration: 2, connections: ${CONNECTIONS} }`;

// Issue 14 point 4: a target that answers only 429 after discovery gets one request per connection and one probe.
const cases = [
  { retryAfter: '999999', warmup: 1, waits: MAX_RETRY_WAIT_S },
  { retryAfter: '0', warmup: 1, waits: 0 },
  { retryAfter: '0', warmup: 0, waits: 0 },
];

test.describe('a target that answers only 429 after discovery', () => {
  for (const { retryAfter, warmup, waits } of cases) {
    const how = `Retry-After: ${retryAfter} and ${warmup ? 'a' : 'no'} warm-up`;
    const title = `with ${how} gets a handful of requests, and the run ends`;
    test(title, async ({}, testInfo) => {
      test.setTimeout(60_000);
      const stub = await createStub('rate-limited', { okRequests: DISCOVERY, retryAfter });
      try {
        const reporter = memoryReporter();
        const started = Date.now();
        const options = parseOptions([scenarioFile(scenarios(warmup)), '--out', reportDir()]);
        const { result } = await runLoad({ options, env: envOf(stub.target), reporter });
        const seconds = (Date.now() - started) / 1000;
        const description = `${stub.requests} requests, ${seconds.toFixed(1)} s`;
        testInfo.annotations.push({ type: 'requests and wall time', description });
        // each connection's request in flight at the first 429, plus one probe after the wait
        expect(stub.requests).toBeLessThanOrEqual(DISCOVERY + CONNECTIONS + 1);
        expect(seconds).toBeGreaterThanOrEqual(waits);
        const [first, ...rest] = result.scenarios;
        expect(first.rate_limited).toBeGreaterThan(0);
        expect(first.passed).toBe(false);
        const inWarmup = /answered 429 \(rate limited\) in the warm-up; the scenario stopped at once/;
        expect(first.notes.join('\n')).toMatch(warmup ? inWarmup : /answered 429/);
        const skipped = ['not run: the target kept answering 429 (rate limited)', 'no response was received'];
        expect(rest.map((s) => s.notes)).toEqual(rest.map(() => skipped));
        const printed = reporter.lines.join('\n');
        const asked = `Retry-After ${retryAfter} s, waits capped at ${MAX_RETRY_WAIT_S} s`;
        const waited = `waiting ${waits} s (${asked}), then one probe request`;
        expect(printed).toContain(waited);
        expect(printed).toContain('the probe request was answered 429 too; skipping the remaining scenarios');
        expect(result.passed).toBe(false);
      } finally {
        await stub.stop();
      }
    });
  }
});
