import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { appendStepSummary } from '../../conformance/step-summary.js';
import { writeReports } from '../../load/report/write-reports.js';
import { parseThreshold } from '../../load/thresholds/parse-threshold.js';
import { builtResult } from './built-result.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'step-summary-'));

test.describe('GITHUB_STEP_SUMMARY: the Markdown summaries appended to the job summary', () => {
  test('appends after what the job wrote before, once per call; without the variable nothing is written', () => {
    const file = join(dir(), 'summary.md');
    writeFileSync(file, '# earlier step\n');
    appendStepSummary('### one', { GITHUB_STEP_SUMMARY: file });
    appendStepSummary('### two\n', { GITHUB_STEP_SUMMARY: file });
    appendStepSummary('### never', {});
    expect(readFileSync(file, 'utf8')).toBe('# earlier step\n### one\n\n### two\n\n');
  });

  test('a file that cannot be written is one line on stderr, not a failed run', () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      appendStepSummary('### one', { GITHUB_STEP_SUMMARY: join(dir(), 'no-such-dir', 'summary.md') });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^GITHUB_STEP_SUMMARY: cannot append to .*summary\.md \(ENOENT\)$/);
  });

  test("load's reports: summary.md is appended as written", async () => {
    const file = join(dir(), 'summary.md');
    const result = builtResult({
      ...{ pid: 1, start: '2026-01-01T00:00:00.000Z', answers: 20, intervalMs: 1000, perInterval: 10 },
      rules: [parseThreshold('p99 < 50', 'test')],
      status: () => 200,
      ms: () => 2,
    });
    const out = dir();
    const before = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = file;
    try {
      await writeReports(result, out);
    } finally {
      if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = before;
    }
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^### Load: ✅ all SLOs met/);
    expect(readFileSync(file, 'utf8')).toBe(summary.endsWith('\n') ? `${summary}\n` : `${summary}\n\n`);
  });
});
