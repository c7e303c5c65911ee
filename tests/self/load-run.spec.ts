import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { create } from '../../emulator/server.js';
import { discoverWorkload } from '../../load/run/discover.js';
import type { LoadResult } from '../../load/result/load-result.js';
import { runLoad } from '../../load/run/run-load.js';
import { runScenario } from '../../load/run/run-scenario.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { authorization, openTarget, secretOf } from '../../load/target.js';
import { loadTargetOf, memoryReporter, reportDir, scenarioFile, shortRun } from './load-helpers.js';

const FETCH_GATE =
  'scenarios: [{ name: fetch, operation: fetch, warmup: 0, duration: 1, connections: 4, thresholds: ["p99 < 100", "error_rate < 0.001", "invalid == 0"] }]';

test.describe('npm run load (against the embedded emulator)', () => {
  test('smoke: fetch and list run briefly, print a table with SLO verdicts, and write JSON, Markdown and HTML', async () => {
    const out = reportDir();
    const reporter = memoryReporter();
    const { result, files } = await runLoad({
      options: shortRun(out, undefined, ['--scenario', 'fetch,list', '--connections', '4', '--duration', '1']),
      env: {},
      reporter,
    });
    const printed = reporter.lines.join('\n');
    expect(printed).toMatch(/^scenario\s+mode\s+req\/s/m);
    expect(printed).toMatch(/^fetch\s+closed ×4\s/m);
    expect(printed).toMatch(/^list\s+closed ×4\s/m);
    expect(printed).toMatch(/^[✓✗] fetch p99 < 50 measured /m);
    expect(printed).not.toContain('\r'); // not a terminal: plain lines only
    expect(readdirSync(out).sort()).toEqual(['report.html', 'result.json', 'summary.md']);
    expect(files).toHaveLength(3);
    const json = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as LoadResult;
    expect(json.scenarios.map((s) => s.name)).toEqual(['fetch', 'list']);
    for (const s of result.scenarios) {
      expect(s.requests.total, `${s.name} got answers`).toBeGreaterThan(0);
      expect(s.urls, `${s.name} rotates over many URLs`).toBeGreaterThan(10);
      expect(s.sampled, `${s.name} validated a sample`).toBeGreaterThan(0);
      expect(Object.keys(s.latency)).toEqual(expect.arrayContaining(['p50', 'p90', 'p99', 'p99_9', 'max']));
      expect(s.thresholds.length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/^\| fetch \| closed ×4 \|/m);
  });

  test('the reports and the console never hold the auth token or its Basic encoding', async () => {
    const out = reportDir();
    const reporter = memoryReporter();
    await runLoad({ options: shortRun(out, scenarioFile(FETCH_GATE), ['--duration', '0.3']), env: {}, reporter });
    const target = await openTarget({}, { allowRemote: false, acceptTwilioCosts: false }); // the same data set, so the same token
    await target.stop();
    const basic = authorization(target).slice('Basic '.length);
    for (const text of [
      reporter.lines.join('\n'),
      ...readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')),
    ]) {
      expect(text).not.toContain(target.authToken);
      expect(text).not.toContain(basic);
    }
  });

  test('a scenario file with an impossible threshold makes the CLI exit non-zero', () => {
    const file = scenarioFile(
      'scenarios: [{ name: fetch, operation: fetch, warmup: 0, duration: 0.5, connections: 2, thresholds: ["rps > 1000000000"] }]',
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'load/cli.ts', file, '--out', reportDir()], {
      encoding: 'utf8',
      env: withoutTarget(process.env),
      timeout: 60_000,
    });
    expect(run.stdout).toMatch(/^✗ fetch rps > 1000000000 measured \d/m);
    expect(run.stdout).toContain('FAIL: reports in');
    expect(run.status).toBe(1);
  });

  test('a bad flag exits 2 with one line and no stack trace', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'load/cli.ts', '--duration', 'soon'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('load: --duration: got "soon"; allowed: a number of seconds > 0, e.g. --duration 5');
    expect(run.stdout).toBe('');
  });

  test('a value starting with "-" says how to write it (Node said "argument is ambiguous")', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'load/cli.ts', '--duration', '-1'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'load: --duration takes a value; one that starts with "-" is written --duration=VALUE; see receipt-harness load --help',
    );
  });
});

test.describe('the load gate fails on emulator faults', () => {
  test('slow answers (fault "slow") breach the latency SLO', async () => {
    const { result } = await runLoad({
      options: shortRun(reportDir(), scenarioFile(FETCH_GATE)),
      env: {},
      emulator: { fault: 'slow' },
      reporter: memoryReporter(),
    });
    const [fetch] = result.scenarios;
    expect(fetch.thresholds.find((v) => v.metric === 'latency.p99')).toMatchObject({ passed: false });
    expect(result.passed).toBe(false);
  });

  test('broken bodies (fault "invalid-json") under load count as errors and fail the gate', async () => {
    const healthy = await create({ port: 0, dataset: { receipts: 2000, seed: 1 } });
    const broken = await create({ port: 0, dataset: { receipts: 2000, seed: 1 }, fault: 'invalid-json' });
    try {
      const target = loadTargetOf(healthy.target);
      const work = await discoverWorkload(target);
      const [s] = loadScenarioFile(scenarioFile(FETCH_GATE));
      const r = await runScenario(s, {
        url: broken.url,
        publicUrl: broken.url,
        secret: secretOf(target),
        paths: work.fetch,
      });
      expect(r.mismatches).toBeGreaterThan(0);
      expect(r.mismatches).toBe(r.sampled);
      expect(r.invalid_examples[0]).toMatch(
        /^\[response_json\] \(response\): not valid JSON: .*\(GET \/v1\/Services\//,
      );
      expect(r.error_rate).toBeGreaterThan(0.5);
      expect(r.passed).toBe(false);
    } finally {
      await Promise.all([healthy.stop(), broken.stop()]);
    }
  });

  test('a target whose list answers are not JSON fails at discovery, and the reports say why', async () => {
    const { result } = await runLoad({
      options: shortRun(reportDir(), scenarioFile(FETCH_GATE)),
      env: {},
      emulator: { fault: 'invalid-json' },
      reporter: memoryReporter(),
    });
    expect(result.passed).toBe(false);
    expect(result.scenarios[0].notes[0]).toMatch(/^discovery: GET \/v1\/Services\/.* answered a body that is not JSON/);
  });
});

/** The environment without TARGET_URL: the load CLI then starts its embedded emulator. */
function withoutTarget(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { TARGET_URL: _unset, ...rest } = env;
  return rest;
}
