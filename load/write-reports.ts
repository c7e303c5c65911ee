import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportHtml } from './report-html.js';
import { reportJson, type LoadResult } from './report-json.js';
import { reportMarkdown } from './report-markdown.js';

/** File names inside the report folder. */
export const REPORT_FILES = { json: 'result.json', markdown: 'summary.md', html: 'report.html' } as const;

/** Blanks the given secrets (the token, its Basic encoding) in a text: what a hostile target echoes never reaches a report. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets.filter((x) => x.length >= 8)) out = out.split(s).join('[redacted]');
  return out;
}

/** Writes result.json, summary.md and report.html to a folder; returns their paths. */
export async function writeReports(result: LoadResult, dir: string, secrets: readonly string[] = []): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [REPORT_FILES.json, reportJson(result)], [REPORT_FILES.markdown, reportMarkdown(result)], [REPORT_FILES.html, reportHtml(result)],
  ];
  for (const [name, text] of files) await writeFile(join(dir, name), redact(text, secrets));
  return files.map(([name]) => join(dir, name));
}
