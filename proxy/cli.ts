// npm run proxy: a validating proxy; judges live traffic, prints each violation, writes the summary on exit.
import { UsageError } from '../client/usage-error.js';
import { checkReachable } from '../client/reachable.js';
import { PROXY_USAGE, readProxyArgs } from './cli-args.js';
import { createProxy } from './server.js';
import { checkProxyOptions } from './proxy-options.js';
import { writeSummary } from './write-summary.js';

/** One line for a failure to start: usage errors as they are, a busy port with a hint, never a stack trace. */
function explain(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE')
    return 'the port is in use: choose another with --port N (or --port 0 for any free port)';
  if (err.code === 'EADDRNOTAVAIL') return '--host is not an address of this machine: use 127.0.0.1';
  if (err.code === 'EACCES') return 'the port needs privileges: choose one above 1023 with --port N';
  return e instanceof UsageError ? err.message : String(err.message).split('\n')[0];
}

async function main(): Promise<void> {
  try {
    const args = readProxyArgs(process.argv.slice(2));
    if (args === 'help') return void console.log(PROXY_USAGE);
    // the settings first (each its own line), then whether the target can be reached at all
    await checkReachable('--target', checkProxyOptions(args).target.href);
    const proxy = await createProxy(args);
    console.log(
      `# validating proxy on ${proxy.url} -> ${args.target}` +
        `${args.record ? `, recording to ${args.record}` : ''}; Ctrl-C stops it`,
    );
    const stop = (signal: string): void => {
      console.error(`# ${signal}: writing the summary`);
      proxy.stop().then(
        () => {
          const files = writeSummary(proxy.summary, proxy.seen);
          const s = proxy.summary;
          console.log(`# ${s.exchanges} exchanges, ${s.violationCount} violations; summary: ${files.join(', ')}`);
          process.exit(s.violationCount > 0 ? 1 : 0);
        },
        () => process.exit(2),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  } catch (e) {
    console.error(`proxy: ${explain(e)}`);
    process.exit(2);
  }
}

await main();
