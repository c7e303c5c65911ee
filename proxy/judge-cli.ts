// npm run judge -- FILE: judges a recording (JSONL from the proxy) or a HAR file offline, writes the same summary.
import { parseArgs } from 'node:util';
import { UsageError } from '../client/usage-error.js';
import { checkBaseUrl } from '../client/base-url.js';
import { judgeFile } from './judge-file.js';
import { writeSummary } from './write-summary.js';

/** What `npm run judge -- --help` prints. */
const USAGE = `usage: npm run judge -- FILE [--public-url URL]
  FILE              a recording from \`npm run proxy -- --record FILE\` (JSONL), or a HAR file (*.har)
  --public-url URL  base URL links must point to (default: the recording's, or each HAR request's origin)
Prints each violation, writes the summary to $REPORT_DIR/proxy (default reports/proxy); exit 1 on any violation.`;

/** Reads the command line: one file and an optional public URL (checked like the proxy's). */
function readArgs(argv: string[]): { file: string; publicUrl?: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { 'public-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (try --help)`);
  }
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length !== 1)
    throw new UsageError('give exactly one FILE: a JSONL recording or a .har file (try --help)');
  const raw = parsed.values['public-url'];
  const publicUrl = raw === undefined ? undefined : checkBaseUrl('--public-url', raw);
  return { file: parsed.positionals[0], publicUrl };
}

async function main(): Promise<void> {
  try {
    const args = readArgs(process.argv.slice(2));
    if (args === 'help') return void console.log(USAGE);
    const { summary, seen, withoutBody } = await judgeFile(args.file, { publicUrl: args.publicUrl });
    const files = writeSummary(summary, seen);
    const skipped = withoutBody ? `; ${withoutBody} HAR entries had no body kept and were not judged` : '';
    console.log(
      `# ${summary.exchanges} exchanges, ${summary.violationCount} violations${skipped}; summary: ${files.join(', ')}`,
    );
    process.exit(summary.violationCount > 0 ? 1 : 0);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const known = e instanceof UsageError;
    const message =
      err.code === 'ENOENT'
        ? `cannot read ${String(err.path)}: no such file`
        : known
          ? err.message
          : String(err.message).split('\n')[0];
    console.error(`judge: ${message}`);
    process.exit(2);
  }
}

await main();
