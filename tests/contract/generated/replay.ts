import { existsSync } from 'node:fs';
import { create } from '../../../emulator/server.js';
import { Api, defaultLimits } from '../../../client/api.js';
import { redact } from '../../../client/redact.js';
import { checkReachable } from '../../../client/reachable.js';
import { freezeTarget, processTarget, type Target } from '../../../client/settings.js';
import { contract } from '../../../spec/contract.js';
import { otherSid } from '../probes/other-sids.js';
import { failuresFile, readFailures } from './failures-file.js';
import { replayFailures } from './replay-failures.js';

/** What `replay --help` prints. */
const REPLAY_USAGE = `usage: receipt-harness replay [failures.jsonl]
Re-sends each failure the generated phase saved (default $REPORT_DIR/contract/failures.jsonl) to the target
(TARGET_*; unset: an embedded emulator) and prints FIXED or FAILED for each; exit 1 when any still fails.`;

/** Replays reports/contract/failures.jsonl (or the file given) against TARGET_*, or an embedded emulator when unset. */
async function main(): Promise<number> {
  if (process.argv[2] === '--help' || process.argv[2] === '-h') return (console.log(REPLAY_USAGE), 0);
  const file = process.argv[2] ?? failuresFile();
  if (!existsSync(file))
    return usage(`no failures file at ${file}; run receipt-harness contract first (it writes one)`);
  const records = readFailures(file);
  if (records.length === 0) return (console.log(`${file} holds no failures: nothing to replay`), 0);
  const fromEnv = processTarget();
  if (fromEnv) await checkReachable('TARGET_URL', fromEnv.url);
  const emu = fromEnv ? null : await create({ port: 0, host: '127.0.0.1' });
  const target: Target = fromEnv ?? freezeTarget(emu!.target);
  const api = new Api(target, otherSid(contract, 'account_sid', target.accountSid), {
    ...defaultLimits,
    maxRequests: records.length * 4,
  });
  try {
    const lines = await replayFailures(api, records);
    for (const l of lines) console.log(redact(l.text, target));
    const failed = lines.filter((l) => !l.fixed).length;
    console.log(`${lines.length - failed} fixed, ${failed} failed (${fromEnv ? 'TARGET_URL' : 'embedded emulator'})`);
    return failed > 0 ? 1 : 0;
  } finally {
    api.close();
    await emu?.stop();
  }
}

/** A one-line error and exit code 2 (a usage error, not a failed case). */
function usage(message: string): number {
  console.error(`contract:replay: ${message}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.exit(usage(e instanceof Error ? e.message.split('\n')[0] : String(e)));
  },
);
