import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeLines, mergeResults } from './merge/merge-results.js';
import type { LoadResult } from './result/load-result.js';
import { consoleTable } from './report/report-table.js';
import { flagError, UsageError } from '../client/usage-error.js';
import { writeReports } from './report/write-reports.js';
import { redact, type Secret } from '../client/redact.js';
import { defaultOut } from './run/options.js';
import { prepareOut } from './report/prepare-out.js';

/** What `load:merge --help` prints. */
const MERGE_USAGE = `usage: receipt-harness merge a/result.json b/result.json … [--out DIR]
Merges the results of generators that ran one load together (every shard of a --shard run) into one report under
--out (default reports/load/merged, or $REPORT_DIR/load/merged) and judges the thresholds on the sum; exit 1 on a
breach, 2 when the files cannot be merged (one missing, unreadable, given twice, or from another scenario file or
settings).`;

/** A file's path with links resolved; as given (absolute) when it cannot be resolved: reading it will say why. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** Refuses a file given twice (by its real path): its generator's numbers would count twice. */
function checkDistinct(files: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = realPath(file);
    const other = seen.get(key);
    if (other !== undefined) throw new UsageError(`merge: ${other} and ${file} are the same file; give each once`);
    seen.set(key, file);
  }
}

async function readResult(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`merge: cannot read ${file}`);
  }
  try {
    return JSON.parse(text) as LoadResult;
  } catch {
    throw new UsageError(`merge: ${file} is not JSON`);
  }
}

/**
 * `npm run load:merge -- a.json b.json [--out DIR]`: one report from several generators; exit 1 on any breach, 2 when
 * it cannot merge (a bad flag, an unreadable file, a missing, duplicated or mismatched shard).
 */
export async function mergeMain(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // results were redacted when written; the environment's credentials, if any, are blanked once more at this edge
  const secret: Secret = { accountSid: env.TARGET_ACCOUNT_SID ?? '', authToken: env.TARGET_AUTH_TOKEN ?? '' };
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw new UsageError(
        `merge: ${flagError(err).split(/\. /)[0]}; usage: receipt-harness merge a.json b.json [--out DIR]`,
      );
    }
    if (parsed.values.help) {
      process.stdout.write(`${MERGE_USAGE}\n`);
      return 0;
    }
    if (parsed.positionals.length < 1)
      throw new UsageError(
        'merge: give the result.json files to merge, e.g. receipt-harness merge a/result.json b/result.json',
      );
    const files = parsed.positionals;
    checkDistinct(files);
    const merged = mergeResults(await Promise.all(files.map(readResult)), files);
    const out = parsed.values.out ?? defaultOut(env, 'load/merged');
    prepareOut(out, parsed.values.out === undefined && env.REPORT_DIR ? 'REPORT_DIR' : '--out');
    const lines = [...mergeLines(merged), '', consoleTable(merged.scenarios)];
    process.stdout.write(redact(lines.join('\n'), secret) + '\n');
    const written = await writeReports(merged, out, secret);
    process.stdout.write(
      `\n${merged.passed ? 'PASS' : 'FAIL'}: ${merged.generators.length} generators merged; ` +
        `reports in ${written.join(', ')}\n`,
    );
    return merged.passed ? 0 : 1;
  } catch (err) {
    process.stderr.write(
      redact(
        `load ${err instanceof UsageError ? err.message : `unexpected error: ${(err as Error).message}`}`,
        secret,
      ) + '\n',
    );
    return 2;
  }
}

process.exitCode = await mergeMain(process.argv.slice(2));
