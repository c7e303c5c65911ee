import { parseOptions, USAGE } from './run/options.js';
import { createReporter } from './run/progress.js';
import { runLoad } from './run/run-load.js';
import { runWorkers } from './shards/run-workers.js';
import { shardText } from './shards/shard.js';
import { UsageError } from '../client/usage-error.js';
import { redact } from '../client/redact.js';

/** `npm run load`: exit 0 when every SLO holds (a shard: once its result is written), 1 on a breach, 2 when it could
 * not run as asked (a bad flag, setting or file, a target that cannot be reached). */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const run = { options, env, reporter: createReporter(process.stdout) };
    const { result } = await (options.workers ? runWorkers(run) : runLoad(run));
    if (options.shard && !result.passed)
      run.reporter.line(
        `shard ${shardText(options.shard)}: exit 0 all the same: a shard's share is not the load; ` +
          "the verdict is load:merge's",
      );
    // a shard's rules see its share only (an rps rule cannot hold there): it succeeds once its result is written
    return result.passed || options.shard ? 0 : 1;
  } catch (err) {
    // a usage error is the product; anything else is still one line, with the code path left out
    const message =
      err instanceof UsageError ? err.message : `unexpected error: ${(err as Error).message ?? String(err)}`;
    const secret = { accountSid: env.TARGET_ACCOUNT_SID ?? '', authToken: env.TARGET_AUTH_TOKEN ?? '' };
    process.stderr.write(redact(`load: ${message}`, secret) + '\n');
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2), process.env);
