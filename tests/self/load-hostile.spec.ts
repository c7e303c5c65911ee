import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { parseOptions } from '../../load/run/options.js';
import { runLoad } from '../../load/run/run-load.js';
import { discoverWorkload } from '../../load/run/discover.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import { envOf, loadTargetOf, memoryReporter, reportDir, runAgainst, scenarioFile } from './load-helpers.js';
import { createStub, type StubMode } from './load-stub.js';

const against = (mode: StubMode, duration = 0.6): Promise<ScenarioResult> => runAgainst(mode, { duration });

const FETCH =
  'scenarios: [{ name: fetch, operation: fetch, warmup: 0, duration: 0.5, connections: 2, thresholds: ["error_rate < 0.001"] }]';

// Issue 5 part 4: each misbehaviour ends as counted errors and a failed gate, never a hang or a crash.
test.describe('the load tool against a hostile target', () => {
  test('answers that never end time out (every request has a time limit)', async () => {
    const r = await against('never-ends', 1.6);
    expect(r.timeouts).toBeGreaterThan(0);
    expect(r.errors).toBeGreaterThanOrEqual(r.timeouts);
    expect(r.passed).toBe(false);
  });

  test('a body that never stops is cut off at the size cap, not buffered until memory runs out', async () => {
    // 16 MiB arrive in tens of milliseconds on an idle machine; a starved one (load 10 on 2 cores) took over a second,
    // and the run must last until one answer reaches the cap
    const r = await runAgainst('endless-body', { duration: 2.5, timeout: 2.5 });
    expect(r.notes.join('\n')).toMatch(/larger than \d+ bytes/);
    expect(r.passed).toBe(false);
  });

  test('huge bodies that are not JSON count as invalid', async () => {
    const r = await against('huge-body');
    expect(r.mismatches).toBeGreaterThan(0);
    expect(r.invalid_examples[0]).toMatch(/^\[response_json\] \(response\): not valid JSON/);
    expect(r.passed).toBe(false);
  });

  test('a wrong content type counts as invalid', async () => {
    const r = await against('wrong-type');
    expect(r.invalid_examples[0]).toMatch(
      /^\[response_content_type\] \(response\): Content-Type: expected application\/json, received "text\/html"/,
    );
    expect(r.passed).toBe(false);
  });

  test('a server that closes connections yields errors for the requests it dropped', async () => {
    const r = await against('closes');
    expect(r.requests.total).toBe(0);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.errors).toBe(r.outcomes.failed_after_send); // each request once, in its bucket
    const outage = /^no answer from 0\.0 s until the run ended at [\d.]+ s: connection (closed|reset) ×\d+/m;
    expect(r.notes.join('\n')).toMatch(outage);
    expect(r.passed).toBe(false);
  });

  test('5xx answers are counted by status code', async () => {
    const r = await against('server-error');
    expect(r.status_codes['500']).toBe(r.non2xx);
    expect(r.error_rate).toBe(1);
    expect(r.passed).toBe(false);
  });

  test('429 stops the scenario and records Retry-After, counted apart', async () => {
    const r = await against('rate-limited', 3);
    expect(r.rate_limited).toBeGreaterThan(0);
    expect(r.retry_after).toBe(1);
    expect(r.notes[0]).toMatch(/answered 429 .* stopped at once \(Retry-After: 1 s\)/);
    expect(r.passed).toBe(false);
  });

  test('redirects are never followed: counted as non-2xx under load, and discovery stops at them', async () => {
    const r = await against('redirect');
    expect(r.status_codes['302']).toBe(r.non2xx);
    expect(r.passed).toBe(false);
    const stub = await createStub('redirect');
    try {
      const out = reportDir();
      const { result } = await runLoad({
        options: parseOptions([scenarioFile(FETCH), '--out', out]),
        env: envOf(stub.target),
        reporter: memoryReporter(),
      });
      expect(result.scenarios[0].notes[0]).toMatch(/^discovery: GET \/v1\/Services\/.* answered HTTP 302/);
    } finally {
      await stub.stop();
    }
  });

  test('credentials a target echoes back never reach the console or a report', async () => {
    const stub = await createStub('echo-auth');
    try {
      const out = reportDir();
      const reporter = memoryReporter();
      await runLoad({ options: parseOptions([scenarioFile(FETCH), '--out', out]), env: envOf(stub.target), reporter });
      const basic = Buffer.from(`${stub.target.accountSid}:${stub.target.authToken}`).toString('base64');
      const texts = [reporter.lines.join('\n'), ...readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'))];
      expect(texts.join('\n')).toContain('bad credentials: Basic [redacted]'); // the echo arrived, and was blanked
      for (const text of texts) {
        expect(text).not.toContain(stub.target.authToken);
        expect(text).not.toContain(basic);
      }
    } finally {
      await stub.stop();
    }
  });

  test('discovery gives up on an answer that never ends, within its time limit', async () => {
    const stub = await createStub('never-ends');
    try {
      const failure = await discoverWorkload(loadTargetOf(stub.target), { timeoutMs: 300 }).catch((err: Error) => err);
      expect(String(failure)).toMatch(/discovery: GET \/v1\/Services\/.* failed: no response within 300 ms/);
    } finally {
      await stub.stop();
    }
  });
});
