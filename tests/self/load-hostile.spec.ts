import { test, expect } from '../../fixtures/test.js';
import { discover } from '../../load/discover.js';
import { runScenario } from '../../load/run-scenario.js';
import type { ScenarioResult } from '../../load/scenario-result.js';
import { loadScenarioFile } from '../../load/scenario-file.js';
import { authorization } from '../../load/target.js';
import { loadTargetOf, scenarioFile } from './load-helpers.js';
import { createStub, type StubMode } from './load-stub.js';

/** Runs a short fetch scenario against a stub in a hostile mode, with the workload discovered from a healthy stub. */
async function against(mode: StubMode, duration = 0.6): Promise<ScenarioResult> {
  const [ok, hostile] = await Promise.all([createStub('ok'), createStub(mode)]);
  try {
    const target = loadTargetOf(ok.target);
    const work = await discover(target);
    const [s] = loadScenarioFile(scenarioFile(`scenarios: [{ name: fetch, operation: fetch, warmup: 0, duration: ${duration}, timeout: 1, connections: 2, thresholds: ["error_rate < 0.001"] }]`));
    return await runScenario(s, { url: hostile.url, authorization: authorization(target), paths: work.fetch });
  } finally {
    await Promise.all([ok.stop(), hostile.stop()]);
  }
}

// Issue 5 part 4: each misbehaviour ends as counted errors and a failed gate, never a hang or a crash.
test.describe('the load tool against a hostile target', () => {
  test('answers that never end time out (every request has a time limit)', async () => {
    const r = await against('never-ends', 1.6);
    expect(r.timeouts).toBeGreaterThan(0);
    expect(r.errors).toBeGreaterThanOrEqual(r.timeouts);
    expect(r.passed).toBe(false);
  });

  test('a body that never stops is cut off at the size cap, not buffered until memory runs out', async () => {
    const r = await against('endless-body', 1);
    expect(r.notes.join('\n')).toMatch(/larger than \d+ bytes/);
    expect(r.passed).toBe(false);
  });

  test('huge bodies that are not JSON count as invalid', async () => {
    const r = await against('huge-body');
    expect(r.mismatches).toBeGreaterThan(0);
    expect(r.invalid_examples[0]).toMatch(/^\[json\] \(body\): not JSON/);
    expect(r.passed).toBe(false);
  });

  test('a wrong content type counts as invalid', async () => {
    const r = await against('wrong-type');
    expect(r.invalid_examples[0]).toMatch(/^\[content_type\] \(headers\): expected application\/json, received "text\/html"/);
    expect(r.passed).toBe(false);
  });

  test('a server that closes connections yields errors for the requests it dropped', async () => {
    const r = await against('closes');
    expect(r.requests.total).toBe(0);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.notes.join('\n')).toContain('never answered');
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
    expect(r.notes[0]).toMatch(/answered 429 .* stopped early and waits 1 s \(Retry-After\)/);
    expect(r.passed).toBe(false);
  });
});
