// npm run diff -- --a URL_A --b URL_B: sends the same probes to two targets and prints their structural differences.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../spec/contract.js';
import { UsageError } from '../client/usage-error.js';
import { DIFF_USAGE, readDiffArgs } from './diff-args.js';
import { redact } from '../client/redact.js';
import { checkReachable } from '../client/reachable.js';
import { diffTargets, formatDifference } from './diff-run.js';
import { PROXY_DEFAULTS } from './proxy-options.js';
import { summaryDir } from './write-summary.js';

async function main(): Promise<void> {
  let sides: ReturnType<typeof readDiffArgs> | undefined;
  try {
    sides = readDiffArgs(process.argv.slice(2), process.env);
    if (sides === 'help') return void console.log(DIFF_USAGE);
    const [a, b] = sides;
    await checkReachable('--a', a.url);
    await checkReachable('--b', b.url);
    const clean = (text: string): string => redact(text, [a, b]);
    const { differences, skipped } = await diffTargets(a, b, contract, PROXY_DEFAULTS);
    if (skipped.length) console.log(`# not sent (a side cannot make them): ${skipped.join('; ')}`);
    for (const d of differences) console.log(clean(formatDifference(d)));
    const dir = summaryDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'diff.json'),
      clean(JSON.stringify({ a: a.url, b: b.url, differences, skipped }, null, 2)) + '\n',
    );
    console.log(
      `# ${differences.length} differences between A ${a.url} and B ${b.url}; report: ${join(dir, 'diff.json')}`,
    );
    process.exit(differences.length > 0 ? 1 : 0);
  } catch (e) {
    const message = e instanceof UsageError ? e.message : String((e as Error).message).split('\n')[0];
    const secrets = Array.isArray(sides) ? sides : [];
    console.error(`diff: ${redact(message, secrets)}`);
    process.exit(2);
  }
}

await main();
