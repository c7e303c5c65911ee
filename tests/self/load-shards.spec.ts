import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { mergeHistograms, summarizeLatency } from '../../load/measure/histograms.js';
import { mergeResults } from '../../load/merge/merge-results.js';
import type { LoadResult } from '../../load/result/load-result.js';
import { targetVariables } from '../../client/settings.js';
import { envOf, reportDir, scenarioFile } from './load-helpers.js';
import { createStub, type Stub } from './load-stub.js';

/** Runs a load tool entry point as its own process; resolves with its exit code and output. */
function tool(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

// Open loop, so each shard's rate is its share: 30 req/s alone breaks `rps > 60`, the three together (90) meet it.
const YAML = `scenarios:
  - { name: fetch, operation: fetch, mode: open, rate: 90, connections: 6, warmup: 0.2, duration: 2, timeout: 2,
      thresholds: ["rps > 60", "error_rate < 0.001"] }
`;
/** The environment without any TARGET_* of the runner's own, plus `extra`. */
const cleanEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(targetVariables as readonly string[]).includes(k)),
  ),
  ...extra,
});
const read = (file: string): LoadResult => JSON.parse(readFileSync(file, 'utf8')) as LoadResult;

test.describe('three shards as separate processes, merged by load:merge', () => {
  test.describe.configure({ mode: 'serial' });
  let stub: Stub;
  let dir: string;
  let onTime = false;
  const file = scenarioFile(YAML);
  const result = (i: number): string => join(dir, `shard-${i}`, 'result.json');

  test.beforeAll(async () => {
    test.setTimeout(60_000);
    stub = await createStub('ok');
    dir = reportDir();
    // far enough ahead for three Node processes to start on a busy 2-core machine (up to 10 s has been seen)
    const startAt = new Date(Date.now() + 12_000).toISOString();
    const runs = await Promise.all(
      [1, 2, 3].map((i) =>
        tool(
          'load/cli.ts',
          [file, '--shard', `${i}/3`, '--start-at', startAt, '--out', join(dir, `shard-${i}`)],
          cleanEnv(envOf(stub.target)),
        ),
      ),
    );
    // alone, no shard meets `rps > 60`; each still exits 0, since the verdict is the merge's
    expect(runs.map((r) => [r.code, r.err])).toEqual([0, 0, 0].map((c) => [c, '']));
    onTime = runs.every((r) => /^waiting until .* \(\d+\.\d s\)$/m.test(r.out));
    for (const r of runs) {
      expect(r.out).toMatch(/^(waiting until .* \(\d+\.\d s\)|start time .* passed .* ago: starting now)$/m);
      expect(r.out).toMatch(/^shard \d\/3: exit 0 all the same: .* the verdict is load:merge's$/m);
    }
  });
  test.afterAll(async () => stub?.stop());

  test('the merge adds up exactly: answers, status codes and the latency histogram of the parts', async () => {
    const merged = join(dir, 'merged');
    const run = await tool('load/merge-cli.ts', [result(1), result(2), result(3), '--out', merged], cleanEnv());
    expect(run.err).toBe('');
    const shards = [1, 2, 3].map((i) => read(result(i)).scenarios[0]);
    const [m] = read(join(merged, 'result.json')).scenarios;
    const sum = (f: (s: LoadResult['scenarios'][0]) => number): number => shards.reduce((a, s) => a + f(s), 0);
    expect(m.requests.total).toBe(sum((s) => s.requests.total));
    expect(m.status_codes).toEqual({ 200: sum((s) => s.status_codes['200']) });
    expect(m.urls).toBe(sum((s) => s.urls));
    expect(m.settings).toMatchObject({ connections: 6, rate: 90 });
    const added = mergeHistograms(shards.map((s) => s.histogram));
    expect(summarizeLatency(mergeHistograms([m.histogram]))).toEqual(summarizeLatency(added));
    expect(m.latency.totalCount).toBe(added.totalCount);
    expect(m.parts.map((p) => p.generator)).toEqual(
      [1, 2, 3].map((i) => expect.stringMatching(new RegExp(`shard ${i}/3$`))),
    );
    // thresholds judged on the merged numbers: every shard broke `rps > 60`, the merge meets it
    expect(shards.map((s) => s.thresholds[0].passed)).toEqual([false, false, false]);
    expect(m.thresholds.map((v) => [v.rule, v.passed])).toEqual([
      ['rps > 60', true],
      ['error_rate < 0.001', true],
    ]);
    expect(run.out).toContain('PASS: 3 generators merged');
    expect(run.code).toBe(0);
    // the reports name the shards and the start skew, so a reader sees the windows were lined up
    const skew = read(join(merged, 'result.json')).merge!.skew_ms.fetch;
    const line = `shards 1/3, 2/3, 3/3; start skew fetch ${skew} ms`;
    for (const f of ['summary.md', 'report.html']) expect(readFileSync(join(merged, f), 'utf8')).toContain(line);
  });

  test('the measured windows overlap and the start skew is reported, small', () => {
    const merged = mergeResults(
      [1, 2, 3].map((i) => read(result(i))),
      ['1', '2', '3'].map((i) => `shard-${i}`),
    );
    const skew = merged.merge!.skew_ms.fetch;
    expect(skew).toBeGreaterThanOrEqual(0);
    // overlapping windows of equal length: the skew is below the measured time (the merge refuses anything else)
    expect(skew).toBeLessThan(merged.scenarios[0].settings.duration * 1000);
    // a shard that started late (a very busy machine) starts at once and says so; shards that all held start together
    if (onTime) expect(skew, 'every shard held until the same --start-at').toBeLessThan(1000);
  });

  test('a missing shard fails load:merge with one line naming it and what is there', async () => {
    const run = await tool('load/merge-cli.ts', [result(1), result(3), '--out', join(dir, 'missing')], cleanEnv());
    expect(run.err).toBe(`load merge: shard 2/3 is missing (have 1/3 from ${result(1)}, 3/3 from ${result(3)})\n`);
    expect(run.code).toBe(2);
  });

  test('a duplicated shard and another scenario file are refused', () => {
    const [a, b, c] = [1, 2, 3].map((i) => read(result(i)));
    expect(() => mergeResults([a, a, b], ['a', 'again', 'b'])).toThrow('merge: shard 1/3 given twice: a and again');
    const other = { ...c, run: { ...c.run, scenario_sha256: '0'.repeat(64) } };
    expect(() => mergeResults([a, b, other], ['a', 'b', 'c'])).toThrow('merge: c ran another scenario file than a');
  });
});

test.describe('--workers: N generator processes on this machine, one merged report', () => {
  test('--workers 2 against the embedded emulator writes one report with 2 parts, started together', async () => {
    test.setTimeout(60_000);
    const out = reportDir();
    const run = await tool('load/cli.ts', [scenarioFile(YAML), '--workers', '2', '--out', out], cleanEnv());
    expect(run.err).toBe('');
    expect(run.out).toMatch(/^all 2 workers ready: measuring starts at /m);
    const r = read(join(out, 'result.json'));
    expect(r.target.embedded).toBe(true);
    expect(r.generators).toHaveLength(2);
    expect(r.merge!.inputs.map((i) => i.shard)).toEqual(['1/2', '2/2']);
    const [s] = r.scenarios;
    expect(s.parts).toHaveLength(2);
    expect(s.requests.total).toBe(s.parts[0].requests.total + s.parts[1].requests.total);
    expect(s.settings).toMatchObject({ connections: 6, rate: 90 });
    expect(run.code).toBe(r.passed ? 0 : 1);
  });

  test('a worker that dies fails the run naming it, and the other workers are stopped', async () => {
    test.setTimeout(60_000);
    const args = ['--import', 'tsx', 'load/cli.ts', scenarioFile(YAML), '--workers', '2', '--duration', '60'];
    const child = spawn(process.execPath, [...args, '--out', reportDir()], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const pids = await new Promise<number[]>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /workers started \(pids (\d+), (\d+)\)/.exec(out);
        if (m) resolve([Number(m[1]), Number(m[2])]);
      }),
    );
    process.kill(pids[1], 'SIGKILL');
    const [code] = (await once(child, 'exit')) as [number];
    expect(err).toBe('load: worker 2/2 was killed (SIGKILL) without a result\n');
    expect(code).toBe(2);
    const alive = (pid: number): boolean => {
      try {
        return process.kill(pid, 0);
      } catch {
        return false;
      }
    };
    expect(alive(pids[0]), 'worker 1/2 was stopped with the run').toBe(false);
  });

  test('a split that leaves a worker idle is refused before any worker starts', async () => {
    const run = await tool('load/cli.ts', [scenarioFile(YAML), '--workers', '7'], cleanEnv());
    expect(run.err).toBe('load: --workers: fetch has 6 connections; 7 workers leave some with none\n');
    expect(run.code).toBe(2);
  });
});
