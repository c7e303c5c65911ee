// npm run judge -- FILE: judges a recording (JSONL from the proxy) or a HAR file offline, writes the same summary.
import { UsageError } from '../client/usage-error.js';
import { JUDGE_USAGE, readJudgeArgs } from './judge-args.js';
import { judgeFile } from './judge-file.js';
import { writeSummary } from './write-summary.js';

async function main(): Promise<void> {
  try {
    const args = readJudgeArgs(process.argv.slice(2));
    if (args === 'help') return void console.log(JUDGE_USAGE);
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
