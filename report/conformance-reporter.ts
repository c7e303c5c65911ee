import { mkdirSync, writeFileSync } from 'node:fs';
import { appendStepSummary } from '../conformance/step-summary.js';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { contract } from '../spec/contract.js';
import { redact } from '../client/redact.js';
import { buildConformance } from './build-conformance.js';
import { verdictLine } from './conformance-model.js';
import { CONFORMANCE_ATTACHMENT, type TestRecord } from '../conformance/record-types.js';
import { readKnown } from '../conformance/known-deviations.js';
import { conformanceHtml } from './write-html.js';
import { conformanceMarkdown } from './write-markdown.js';

/** The project whose tests carry conformance records. */
const PROJECT = 'contract';

/** An origin without credentials, path or query: what the report may show of a URL. */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unparseable URL)';
  }
}

/** Writes contract/conformance.{md,json,html} under the report folder after every run that included contract tests. */
export default class ConformanceReporter implements Reporter {
  private readonly records: TestRecord[] = [];
  /** Contract tests that failed with no uncovered violation: an error or timeout the checks never saw. */
  private readonly unjudged: string[] = [];
  /** Contract tests skipped, with their reason (a setting that is not set: tenancy, the default service). */
  private readonly skipped: { test: string; reason: string }[] = [];
  private contractRun = false;

  constructor(private readonly options: { outputDir?: string } = {}) {}

  onBegin(_config: FullConfig, suite: Suite): void {
    this.contractRun = suite.allTests().some((t) => t.parent.project()?.name === PROJECT);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    let judged = false;
    for (const a of result.attachments) {
      if (a.name !== CONFORMANCE_ATTACHMENT || !a.body) continue;
      const record = JSON.parse(a.body.toString('utf8')) as TestRecord;
      this.records.push(record);
      judged = record.violations.some((v) => v.known === undefined);
    }
    const inContract = test.parent.project()?.name === PROJECT;
    const skip = [...result.annotations, ...test.annotations].find((a) => a.type === 'skip')?.description;
    if (result.status === 'skipped' && inContract && skip)
      this.skipped.push({ test: test.titlePath().slice(3).join(' › '), reason: skip });
    const failed = result.status !== 'passed' && result.status !== 'skipped';
    if (failed && !judged && test.parent.project()?.name === PROJECT) {
      const why = (result.error?.message ?? result.status).split('\n')[0].slice(0, 200);
      this.unjudged.push(`${test.titlePath().slice(3).join(' › ')}: ${why}`);
    }
  }

  async onEnd(_result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    if (!this.contractRun) return undefined; // a selftest-only run judges no target
    const env = process.env;
    const known = readKnown(env); // validated by the config before any test ran
    const fromEnv = env.TARGET_URL;
    const url = origin(fromEnv ?? this.records[0]?.target.url ?? '');
    const report = buildConformance(
      this.records,
      known,
      {
        targetUrl: url,
        embedded: !fromEnv,
        seed: env.CONTRACT_SEED || 'none',
        unjudged: this.unjudged,
        skipped: this.skipped,
      },
      contract,
    );
    const other = { otherAccountSid: env.TARGET_OTHER_ACCOUNT_SID, otherAuthToken: env.TARGET_OTHER_AUTH_TOKEN };
    const secret =
      env.TARGET_AUTH_TOKEN && env.TARGET_ACCOUNT_SID
        ? { accountSid: env.TARGET_ACCOUNT_SID, authToken: env.TARGET_AUTH_TOKEN, ...other }
        : null;
    const dir = join(this.options.outputDir ?? 'reports', 'contract');
    mkdirSync(dir, { recursive: true });
    // The tests redacted their records; this catches what only the main process knows (a TARGET_AUTH_TOKEN).
    const write = (name: string, text: string) => writeFileSync(join(dir, name), redact(text, secret));
    write('conformance.json', JSON.stringify(report, null, 2) + '\n');
    write('conformance.md', conformanceMarkdown(report));
    appendStepSummary(redact(conformanceMarkdown(report), secret));
    write('conformance.html', conformanceHtml(report));
    console.log(`\nConformance: ${verdictLine(report)} (${join(dir, 'conformance.md')})`);
    for (const e of report.known?.entries ?? []) {
      const at = `${report.known!.file} entry ${e.entry} (check ${e.check})`;
      if (e.status === 'fixed')
        console.log(`Known deviations: ${at} matched nothing this run: fixed; remove it from the file`);
      if (e.status === 'not exercised')
        console.log(`Known deviations: ${at} was not exercised this run (a -g or --shard selection?): kept`);
      if (e.status === 'expired')
        console.log(`Known deviations: ${at} expired on ${e.expires}: fix the target or renew the entry`);
    }
    const expired = report.known?.entries.some((e) => e.status === 'expired');
    return expired ? { status: 'failed' } : undefined;
  }

  printsToStdio(): boolean {
    return false;
  }
}
