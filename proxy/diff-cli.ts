// npm run diff -- --a URL_A --b URL_B: sends the same probes to two targets and prints their structural differences.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../spec/contract.js';
import { parseFlags, UsageError } from '../client/usage-error.js';
import { redact } from '../client/redact.js';
import { readSide } from './diff-targets.js';
import { diffTargets, formatDifference } from './diff-run.js';
import { PROXY_DEFAULTS } from './proxy-options.js';
import { summaryDir } from './write-summary.js';

/** What `npm run diff -- --help` prints. */
const USAGE = `usage: npm run diff -- --a URL_A --b URL_B [--allow-remote]
  credentials and the message of each side from A_* and B_* (the TARGET_* names with A_ or B_ instead:
  A_ACCOUNT_SID, A_AUTH_TOKEN, A_SERVICE_SID, A_CONVERSATION_SID, A_MESSAGE_SID, optional A_PUBLIC_URL, A_DEFAULT_*)
Prints one line per structural difference (values that legitimately differ are compared by kind: proxy/diff-noise.ts),
writes $REPORT_DIR/proxy/diff.json; exit 1 on any difference.`;

/** Reads the flags and both sides' settings; a UsageError is one line. */
function readArgs(argv: string[], env: NodeJS.ProcessEnv): ReturnType<typeof readSide>[] | 'help' {
  const values = parseFlags(argv, {
    a: { type: 'string' },
    b: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const remote = Boolean(values['allow-remote']);
  return [readSide('A', values.a, env, remote), readSide('B', values.b, env, remote)];
}

async function main(): Promise<void> {
  let sides: ReturnType<typeof readArgs> | undefined;
  try {
    sides = readArgs(process.argv.slice(2), process.env);
    if (sides === 'help') return void console.log(USAGE);
    const [a, b] = sides;
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
