import { parseArgs } from 'node:util';
import { checkBaseUrl } from '../client/base-url.js';
import { flagError, UsageError } from '../client/usage-error.js';

/** What `npm run judge -- --help` prints. */
export const JUDGE_USAGE = `usage: receipt-harness judge FILE [--public-url URL]
  FILE              a recording from \`receipt-harness proxy --record FILE\` (JSONL), or a HAR file (*.har)
  --public-url URL  base URL links must point to (default: the recording's, or each HAR request's origin)
Prints each violation, writes the summary to $REPORT_DIR/proxy (default reports/proxy); exit 1 on any violation.`;

/** Reads the command line: one file and an optional public URL (checked like the proxy's). */
export function readJudgeArgs(argv: string[]): { file: string; publicUrl?: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { 'public-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError(`${flagError(e)} (try --help)`);
  }
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length !== 1)
    throw new UsageError('give exactly one FILE: a JSONL recording or a .har file (try --help)');
  const raw = parsed.values['public-url'];
  const publicUrl = raw === undefined ? undefined : checkBaseUrl('--public-url', raw);
  return { file: parsed.positionals[0], publicUrl };
}
