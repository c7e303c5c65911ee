import { mergeLines, mergeResults } from '../merge/merge-results.js';
import type { LoadResult } from '../result/load-result.js';
import { consoleTable } from '../report/report-table.js';
import type { LoadRun } from '../run/run-load.js';
import { loadScenarioFile } from '../run/scenario-file.js';
import { shardScenario } from './shard-scenario.js';
import { openTarget, secretOf } from '../target.js';
import { workerEnv } from './worker-args.js';
import { runWorkerProcesses } from './workers.js';
import { writeReports } from '../report/write-reports.js';
import { prepareOut } from '../report/prepare-out.js';
import { targetEnv } from '../../client/settings.js';
import { redact } from '../../client/redact.js';

/** `npm run load -- --workers N`: N generator processes share every scenario, one target, one merged report. */
export async function runWorkers(run: LoadRun): Promise<{ result: LoadResult; files: string[] }> {
  const { options } = run;
  const n = options.workers!;
  const whole = loadScenarioFile(options.file, options); // every mistake is reported before a worker starts
  const by = { flag: '--workers', noun: 'workers' };
  for (const s of whole) shardScenario(s, { index: n, count: n }, by); // refuses a split that leaves one idle
  prepareOut(options.out, options.outSetting);
  // one embedded emulator for all workers (when TARGET_URL is unset), not one each
  const target = await openTarget(run.env, options, run.emulator);
  const secret = secretOf(target);
  const line = (text: string): void => run.reporter.line(redact(text, secret));
  try {
    const env = workerEnv(run.env, target, targetEnv(target));
    const { results, labels } = await runWorkerProcesses(options, env, secret, line);
    const result = mergeResults(results, labels);
    for (const l of mergeLines(result)) line(l);
    line('\n' + consoleTable(result.scenarios));
    const files = await writeReports(result, options.out, secret);
    line(`\n${result.passed ? 'PASS' : 'FAIL'}: ${n} workers merged; reports in ${files.join(', ')}`);
    return { result, files };
  } finally {
    await target.stop();
  }
}
