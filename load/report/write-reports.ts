import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportHtml } from './report-html.js';
import { reportJson, type LoadResult } from '../result/load-result.js';
import { reportMarkdown } from './report-markdown.js';
import { redact, type Secret } from '../../client/redact.js';
import { appendStepSummary } from '../../conformance/step-summary.js';

/** File names inside the report folder. */
export const REPORT_FILES = { json: 'result.json', markdown: 'summary.md', html: 'report.html' } as const;

/**
 * Writes result.json, summary.md and report.html to a folder, each through the shared redaction, and appends the
 * summary to GITHUB_STEP_SUMMARY when set; returns their paths.
 */
export async function writeReports(result: LoadResult, dir: string, secret: Secret | null = null): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [REPORT_FILES.json, reportJson(result)],
    [REPORT_FILES.markdown, reportMarkdown(result)],
    [REPORT_FILES.html, reportHtml(result)],
  ];
  for (const [name, text] of files) await writeFile(join(dir, name), redact(text, secret));
  // in GitHub Actions, the job's summary page shows it too (a --workers generator's env leaves the variable out)
  appendStepSummary(redact(files[1][1], secret));
  return files.map(([name]) => join(dir, name));
}
