import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { createHistogram, recordLatency, summarizeLatency } from '../../load/measure/histograms.js';
import { mergeResults } from '../../load/merge/merge-results.js';
import { RESULT_SCHEMA, type LoadResult } from '../../load/result/load-result.js';
import { failedOf, unreconciled, type Outcomes } from '../../load/send/outcomes.js';
import { reportDir } from './load-helpers.js';
import { generator } from './load-results.js';

/** Runs load/merge-cli.ts with `args` and extra environment. */
const mergeCli = (args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, ['--import', 'tsx', 'load/merge-cli.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, REPORT_DIR: '', ...env },
  });

test.describe('load:merge (results of several generators)', () => {
  const a = generator(100, (i) => 1 + i / 10, { 200: 100 });
  const b = generator(100, (i) => 40 + i, { 200: 99, 404: 1 });

  test('latency percentiles equal those of one histogram holding every answer (an exact merge)', () => {
    const all = createHistogram();
    for (let i = 0; i < 100; i++) {
      recordLatency(all, 1 + i / 10);
      recordLatency(all, 40 + i);
    }
    const [merged] = mergeResults([a, b]).scenarios;
    expect(merged.latency).toEqual(summarizeLatency(all));
  });

  test('counts, rates, status codes and series add up; thresholds are judged again on the sum', () => {
    const m = mergeResults([a, b]);
    const [s] = m.scenarios;
    expect(a.scenarios[0].thresholds[0].passed).toBe(false); // 100 req/s alone
    expect(s).toMatchObject({
      generators: 2,
      requests: { total: 200, average: 200 },
      non2xx: 1,
      status_codes: { 200: 199, 404: 1 },
      settings: { connections: 8 },
    });
    expect(s.series.requests).toEqual([100, 100]);
    expect(s.parts.map((p) => p.requests.total)).toEqual([100, 100]);
    expect(s.thresholds.map((v) => [v.rule, v.passed])).toEqual([
      ['rps > 150', true],
      ['p99 < 50', false],
    ]);
    expect(m.generators).toHaveLength(2);
    expect(m.passed).toBe(false);
  });

  test('request buckets and per-interval failures add up, and the merged counts still reconcile', () => {
    const failing = (r: LoadResult, o: Partial<Outcomes>, connect: number[], resets: number[]): LoadResult => {
      const c = structuredClone(r);
      const s = c.scenarios[0];
      s.outcomes = { ...s.outcomes, ...o };
      s.outcomes.started += failedOf(s.outcomes) + s.outcomes.not_sent;
      s.requests.sent += s.outcomes.failed_after_send + s.outcomes.timed_out;
      s.errors = failedOf(s.outcomes);
      Object.assign(s.series, { connect_errors: connect, resets, errors: connect.map((n, i) => n + resets[i]) });
      return c;
    };
    const x = failing(a, { connect_failed: 30, failed_after_send: 4, not_sent: 2 }, [10, 20], [4, 0]);
    const y = failing(b, { connect_failed: 5, failed_after_send: 1, resent: 3, unpaired: 1 }, [5, 0], [0, 1]);
    const [m] = mergeResults([x, y]).scenarios;
    expect(m.outcomes).toEqual({
      ...{ started: 200 + 34 + 2 + 6, answered: 200, timed_out: 0, connect_failed: 35, failed_after_send: 5 },
      ...{ not_sent: 2, resent: 3, unpaired: 1 },
    });
    expect(unreconciled(m.outcomes, m.requests.sent)).toBeNull();
    expect(m.errors).toBe(40);
    expect(m.series.connect_errors).toEqual([15, 20]);
    expect(m.series.resets).toEqual([4, 1]);
    expect(m.series.errors).toEqual([19, 21]);
  });

  test('refuses a result of an older schema, saying to run that generator again', () => {
    const old = { ...a, schema: 'receipt-load-result/2' } as unknown as LoadResult;
    expect(() => mergeResults([a, old])).toThrow(
      `merge: input 2 is receipt-load-result/2, from a version without request outcomes; run it again with this one`,
    );
  });

  test('refuses a file that is not a load result', () => {
    expect(() => mergeResults([a, { schema: 'other' } as unknown as LoadResult])).toThrow(
      `merge: input 2 is not a load result (schema "other"; expected "${RESULT_SCHEMA}")`,
    );
  });

  test('refuses one generator given twice (a merge and one of its inputs too), naming both files', () => {
    expect(() => mergeResults([a, structuredClone(a)], ['x.json', 'y.json'])).toThrow(
      new RegExp(
        '^merge: x\\.json and y\\.json hold the same generator \\(host ".*" pid \\d+ ' +
          'started "2026-01-01T00:00:00\\.000Z"\\): give each generator\'s result once$',
      ),
    );
    expect(() => mergeResults([mergeResults([a, b]), b], ['ab.json', 'b.json'])).toThrow(
      /^merge: ab\.json and b\.json hold the same generator/,
    );
  });

  test('npm run load:merge refuses the same file given twice (by its real path), exit 2, writing nothing', () => {
    const dir = reportDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    symlinkSync(join(dir, 'a.json'), join(dir, 'link.json'));
    for (const second of ['a.json', 'link.json']) {
      const out = join(dir, `merged-${second}`);
      const run = mergeCli([join(dir, 'a.json'), join(dir, second), '--out', out]);
      expect(run.stderr).toBe(
        `load merge: ${join(dir, 'a.json')} and ${join(dir, second)} are the same file; give each once\n`,
      );
      expect(run.stdout).toBe('');
      expect(run.status).toBe(2);
      expect(existsSync(out)).toBe(false);
    }
  });

  test('npm run load:merge writes under $REPORT_DIR/load/merged without --out; --out still wins', () => {
    const dir = reportDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const inputs = [join(dir, 'a.json'), join(dir, 'b.json')];
    expect(mergeCli(inputs, { REPORT_DIR: join(dir, 'r') }).status).toBe(1);
    expect(existsSync(join(dir, 'r', 'load', 'merged', 'result.json'))).toBe(true);
    expect(mergeCli([...inputs, '--out', join(dir, 'o')], { REPORT_DIR: join(dir, 'r2') }).status).toBe(1);
    expect([existsSync(join(dir, 'o', 'result.json')), existsSync(join(dir, 'r2'))]).toEqual([true, false]);
    const blocked = mergeCli(inputs, { REPORT_DIR: join(dir, 'a.json') });
    expect(blocked.stderr).toMatch(/^load REPORT_DIR .*a\.json\/load\/merged: cannot write reports there \(/);
    expect(blocked.status).toBe(2);
  });

  test('npm run load:merge writes one report and exits 1 on a breach', () => {
    const dir = reportDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'load/merge-cli.ts', join(dir, 'a.json'), join(dir, 'b.json'), '--out', join(dir, 'merged')],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stdout).toMatch(/^✓ fetch rps > 150 measured 200$/m);
    expect(run.stdout).toMatch(/^✗ fetch p99 < 50 measured /m);
    expect(run.stdout).toContain('FAIL: 2 generators merged; reports in');
    expect(run.status).toBe(1);
  });
});
