import { test, expect } from '../../fixtures/test.js';
import { builtResult } from './built-result.js';
import { scenarioFile } from './load-helpers.js';
import { createHistogram } from '../../load/measure/histograms.js';
import { mergeResults } from '../../load/merge/merge-results.js';
import { reportHtml } from '../../load/report/report-html.js';
import { loadResult, type LoadResult } from '../../load/result/load-result.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { notRun } from '../../load/result/scenario-result.js';

/** A small generator result: 2 intervals of 100 ms, 10 answers each, all 200. */
const generator = (pid: number): LoadResult =>
  builtResult({
    ...{ pid, start: '2026-01-01T00:00:00.000Z', answers: 20, intervalMs: 100, perInterval: 10, rules: [] },
    ...{ status: () => 200, ms: () => pid },
  });

test.describe('load HTML report of odd results', () => {
  test('a scenario without a single answer draws empty charts: no NaN, no Infinity, the percentile chart says so', () => {
    const [s] = loadScenarioFile(
      scenarioFile('scenarios: [{ name: fetch, operation: fetch, thresholds: ["p99 < 50"] }]'),
    );
    const result = loadResult({ url: 'http://127.0.0.1:1', embedded: true }, new Date(), [
      notRun(s, 'discovery failed', createHistogram()),
    ]);
    const html = reportHtml(result);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(html).toContain('latency by percentile, 0 answers (none)');
  });

  test('names from a result file are escaped: a generator label or a scenario name cannot add markup', () => {
    const evil = '<script>alert(1)</script>';
    const merged = mergeResults([generator(1), generator(2)]);
    const [s] = merged.scenarios;
    s.name = evil;
    s.parts[0].generator = evil;
    expect(reportHtml(merged)).not.toContain('<script');
  });
});
