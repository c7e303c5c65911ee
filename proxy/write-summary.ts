import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../client/redact.js';
import type { SecretsSeen } from './credentials.js';
import type { Summary } from './summary.js';
import { summaryMarkdown } from './summary-markdown.js';

/** The folder the summaries go to: REPORT_DIR (default reports/) /proxy. */
export function summaryDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.REPORT_DIR || 'reports', 'proxy');
}

/** Writes summary.json and summary.md, every text redacted; returns their paths. */
export function writeSummary(summary: Summary, seen: SecretsSeen, dir = summaryDir()): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'summary.json');
  const md = join(dir, 'summary.md');
  writeFileSync(json, redact(JSON.stringify(summary, null, 2), seen.all) + '\n');
  writeFileSync(md, redact(summaryMarkdown(summary), seen.all));
  return [json, md];
}
