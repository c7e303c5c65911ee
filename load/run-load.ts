import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorOptions } from '../emulator/server.js';
import { discover, type Workload } from './discover.js';
import type { Options } from './options.js';
import type { Reporter } from './progress.js';
import { loadResult, type LoadResult } from './report-json.js';
import { runScenario } from './run-scenario.js';
import { notRun, type ScenarioResult } from './scenario-result.js';
import { createHistogram } from './histograms.js';
import { UsageError } from './usage-error.js';
import { loadScenarioFile, type Scenario } from './scenario-file.js';
import { authorization, openTarget, secretOf, type LoadTarget } from './target.js';
import { writeReports } from './write-reports.js';
import { redact } from '../target/redact.js';
import { consoleTable } from './report-table.js';

/** The longest Retry-After the tool waits out before the next scenario; beyond it, the remaining scenarios are skipped. */
export const MAX_RETRY_WAIT_S = 60;

/** Everything a run needs: options, environment (TARGET_*), emulator options when embedded, and where to report. */
export interface LoadRun { options: Readonly<Options>; env: NodeJS.ProcessEnv; emulator?: EmulatorOptions; reporter: Reporter }

/** The discovered paths for a scenario's PageSize (cached), or why discovery failed: a broken target fails its scenarios, reports still get written. */
async function workloadFor(s: Scenario, target: LoadTarget, cache: Map<number, Workload | string>): Promise<Workload | string> {
  if (!cache.has(s.pageSize)) {
    cache.set(s.pageSize, await discover(target, { pageSize: s.pageSize }).catch((err: Error) => {
      if (err instanceof UsageError) return err.message;
      throw err;
    }));
  }
  return cache.get(s.pageSize)!;
}

/** Runs the scenarios one after another; a 429 ends a scenario, and its Retry-After is waited out before the next. */
async function runAll(scenarios: Scenario[], target: LoadTarget, reporter: Reporter): Promise<ScenarioResult[]> {
  const workloads = new Map<number, Workload | string>();
  const results: ScenarioResult[] = [];
  for (const s of scenarios) {
    const work = await workloadFor(s, target, workloads);
    if (typeof work === 'string') {
      reporter.line(`${s.name}: not run: ${work}`);
      results.push(notRun(s, work, createHistogram()));
      continue;
    }
    const paths = s.operation === 'list' ? work.list : work.fetch;
    reporter.line(`${s.name}: ${s.mode} loop, ${s.mode === 'open' ? `${s.rate} req/s over ` : ''}${s.connections} connections, ${s.warmup} s warm-up + ${s.duration} s, ${paths.length} URLs`);
    const r = await runScenario(s, { url: target.url, authorization: authorization(target), paths, onProgress: (p) => reporter.progress(p) });
    reporter.done();
    results.push(r);
    if (r.rate_limited === 0) continue;
    if (r.retry_after > MAX_RETRY_WAIT_S) {
      reporter.line(`the target asked to wait ${r.retry_after} s (Retry-After); skipping the remaining scenarios`);
      break;
    }
    reporter.line(`waiting ${r.retry_after} s (Retry-After) before the next scenario`);
    await sleep(r.retry_after * 1000);
  }
  return results;
}

/** One `npm run load`: validate everything, open the target, discover, run, print, write reports. */
export async function runLoad(run: LoadRun): Promise<{ result: LoadResult; files: string[] }> {
  const { options } = run;
  const scenarios = loadScenarioFile(options.file, options); // every mistake is reported before load is sent
  const target = await openTarget(run.env, options, run.emulator);
  const secret = secretOf(target);
  // a hostile target may echo the credentials in a body that ends up in a note or an example
  const reporter: Reporter = { ...run.reporter, line: (text) => run.reporter.line(redact(text, secret)) };
  try {
    const started = new Date();
    const results = await runAll(scenarios, target, reporter);
    const result = loadResult({ url: target.url, embedded: target.embedded }, started, results);
    reporter.line('\n' + consoleTable(result.scenarios));
    const files = await writeReports(result, options.out, secret);
    reporter.line(`\n${result.passed ? 'PASS' : 'FAIL'}: reports in ${files.join(', ')}`);
    return { result, files };
  } finally {
    await target.stop();
  }
}
