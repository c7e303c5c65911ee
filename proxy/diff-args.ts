import { parseFlags } from '../client/usage-error.js';
import { readSide } from './diff-targets.js';

/** What `npm run diff -- --help` prints. */
export const DIFF_USAGE = `usage: receipt-harness diff --a URL_A --b URL_B [--allow-remote]
  credentials and the message of each side from A_* and B_* (the TARGET_* names with A_ or B_ instead:
  A_ACCOUNT_SID, A_AUTH_TOKEN, A_SERVICE_SID, A_CONVERSATION_SID, A_MESSAGE_SID, optional A_PUBLIC_URL, A_DEFAULT_*)
Prints one line per structural difference (values that legitimately differ are compared by kind: proxy/diff-noise.ts),
writes $REPORT_DIR/proxy/diff.json; exit 1 on any difference.`;

/** Reads the flags and both sides' settings; a UsageError is one line. */
export function readDiffArgs(argv: string[], env: NodeJS.ProcessEnv): ReturnType<typeof readSide>[] | 'help' {
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
