import type { EmulatorOptions } from '../../emulator/server.js';
import { discoverWorkload, type Workload } from './discover.js';
import type { Options } from './options.js';
import type { Reporter } from './progress.js';
import { loadResult, type LoadResult } from '../result/load-result.js';
import { backOff } from './rate-limit.js';
import { runScenario } from './run-scenario.js';
import { notRun, type ScenarioResult } from '../result/scenario-result.js';
import { createHistogram } from '../measure/histograms.js';
import { UsageError } from '../../client/usage-error.js';
import { loadScenarioFile, type Scenario } from './scenario-file.js';
import { openTarget, secretOf, type LoadTarget } from '../target.js';
import { writeReports } from '../report/write-reports.js';
import { prepareOut } from '../report/prepare-out.js';
import { redact } from '../../client/redact.js';
import { consoleTable } from '../report/report-table.js';
import { runInfo } from '../result/provenance.js';
import { shardText, type Shard } from '../shards/shard.js';
import { shardPaths, shardScenario } from '../shards/shard-scenario.js';
import { holdUntil } from '../shards/hold-until.js';

/** Everything a run needs: options, environment (TARGET_*), emulator options when embedded, and where to report. */
export interface LoadRun {
  options: Readonly<Options>;
  env: NodeJS.ProcessEnv;
  emulator?: EmulatorOptions;
  reporter: Reporter;
}

/** The discovered paths for a scenario's PageSize (cached), or why discovery failed: a broken target fails its scenarios, reports still get written. */
async function workloadFor(
  s: Scenario,
  target: LoadTarget,
  cache: Map<number, Workload | string>,
): Promise<Workload | string> {
  if (!cache.has(s.pageSize)) {
    cache.set(
      s.pageSize,
      await discoverWorkload(target, { pageSize: s.pageSize }).catch((err: Error) => {
        if (err instanceof UsageError) return err.message;
        throw err;
      }),
    );
  }
  return cache.get(s.pageSize)!;
}

/** What every scenario of a run shares: the target, this generator's shard, the start time, where lines go. */
interface Plan {
  target: LoadTarget;
  shard: Shard | null;
  startAt: Date | null;
  /** The instant the hold ended at (a --workers parent may name an earlier one than --start-at). */
  startedAt?: Date | null;
  reporter: Reporter;
}

/** Runs the scenarios one after another; a 429 ends a scenario at once, and a target that keeps at it ends the run. */
async function runAll(scenarios: Scenario[], plan: Plan): Promise<ScenarioResult[]> {
  const { target, shard, startAt, reporter } = plan;
  const workloads = new Map<number, Workload | string>();
  const results: ScenarioResult[] = [];
  let waited = false;
  let held = false;
  // every scenario's share of the paths before any load: a split that leaves a shard without URLs is refused up front
  const shares: (string[] | string)[] = [];
  for (const s of scenarios) {
    const work = await workloadFor(s, target, workloads);
    shares.push(
      typeof work === 'string' ? work : shardPaths(s.name, s.operation === 'list' ? work.list : work.fetch, shard),
    );
  }
  for (const [i, s] of scenarios.entries()) {
    const paths = shares[i];
    if (typeof paths === 'string') {
      reporter.line(`${s.name}: not run: ${paths}`);
      results.push(notRun(s, paths, createHistogram()));
      continue;
    }
    if (!held) plan.startedAt = await holdUntil(startAt, reporter);
    held = true;
    reporter.line(
      `${s.name}${shard ? ` (shard ${shardText(shard)})` : ''}: ${s.mode} loop, ${s.mode === 'open' ? `${s.rate} req/s over ` : ''}${s.connections} connections, ${s.warmup} s warm-up + ${s.duration} s, ${paths.length} URLs`,
    );
    const drive = { url: target.url, publicUrl: target.publicUrl, secret: secretOf(target), paths };
    const r = await runScenario(s, { ...drive, onProgress: (p) => reporter.progress(p) });
    reporter.done();
    results.push(r);
    if (r.rate_limited === 0) continue;
    if (await backOff(r.retry_after, waited, target, paths[0], reporter)) {
      const skipped = 'not run: the target kept answering 429 (rate limited)';
      results.push(...scenarios.slice(i + 1).map((rest) => notRun(rest, skipped, createHistogram())));
      break;
    }
    waited = true;
  }
  return results;
}

/** One `npm run load`: validate everything, open the target, discover, run, print, write reports. */
export async function runLoad(run: LoadRun): Promise<{ result: LoadResult; files: string[] }> {
  const { options } = run;
  const whole = loadScenarioFile(options.file, options); // every mistake is reported before load is sent
  const scenarios = whole.map((s) => shardScenario(s, options.shard));
  const provenance = runInfo(options.file, whole, options.shard, options.startAt);
  prepareOut(options.out, options.outSetting);
  const target = await openTarget(run.env, options, run.emulator);
  const secret = secretOf(target);
  // a hostile target may echo the credentials in a body that ends up in a note or an example
  const reporter: Reporter = { ...run.reporter, line: (text) => run.reporter.line(redact(text, secret)) };
  try {
    const started = new Date();
    const plan: Plan = { target, shard: options.shard, startAt: options.startAt, reporter };
    const results = await runAll(scenarios, plan);
    if (plan.startedAt) provenance.start_at = plan.startedAt.toISOString();
    const result = loadResult({ url: target.url, embedded: target.embedded }, started, results, provenance);
    reporter.line('\n' + consoleTable(result.scenarios));
    const files = await writeReports(result, options.out, secret);
    reporter.line(`\n${result.passed ? 'PASS' : 'FAIL'}: reports in ${files.join(', ')}`);
    return { result, files };
  } finally {
    await target.stop();
  }
}
