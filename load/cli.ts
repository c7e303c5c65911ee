import { parseOptions, USAGE } from './options.js';
import { createReporter } from './progress.js';
import { runLoad } from './run-load.js';
import { runWorkers } from './run-workers.js';
import { UsageError } from './usage-error.js';
import { redact } from '../target/redact.js';

/** `npm run load`: exit 0 when every SLO holds, 1 on a breach or a usage error (one line, no stack trace). */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const run = { options, env, reporter: createReporter(process.stdout) };
    const { result } = await (options.workers ? runWorkers(run) : runLoad(run));
    return result.passed ? 0 : 1;
  } catch (err) {
    // a usage error is the product; anything else is still one line, with the code path left out
    const message =
      err instanceof UsageError ? err.message : `unexpected error: ${(err as Error).message ?? String(err)}`;
    const secret = { accountSid: env.TARGET_ACCOUNT_SID ?? '', authToken: env.TARGET_AUTH_TOKEN ?? '' };
    process.stderr.write(redact(`load: ${message}`, secret) + '\n');
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2), process.env);
