// npm run emulator: starts the embedded emulator and prints the TARGET_* settings that point a client at it.
import { readArgs, EMULATOR_USAGE } from './cli-args.js';
import { UsageError } from '../client/usage-error.js';
import { create } from './server.js';
import { targetEnv } from '../client/settings.js';

/** The emulator's flag names, read from its usage text (one list: what --help shows). */
const FLAGS = new Set([...EMULATOR_USAGE.matchAll(/--([\w-]+)/g)].map((m) => m[1]));

/** One line for the user: option errors as they are, system errors with a hint, never a stack trace. */
function explain(e: unknown, args: Exclude<ReturnType<typeof readArgs>, 'help'> | undefined): string {
  const err = e as NodeJS.ErrnoException;
  const port = args?.port;
  const dataset = typeof args?.dataset === 'string' ? args.dataset : undefined;
  // only --dataset names a file the emulator reads: a file error, or a seed file that is not one, is about it
  if (dataset !== undefined && (err.path !== undefined || err.syscall === 'read' || /^seed /.test(String(err.message))))
    return `--dataset ${dataset}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a directory, not a file' : String(err.message).split('\n')[0]}`;
  if (err.code === 'EADDRINUSE')
    return `port ${port} is in use: choose another with --port N (or --port 0 for any free port)`;
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return '--host is not a loopback address of this machine: use 127.0.0.1';
  if (err.code === 'EACCES') return `port ${port} needs privileges: choose one above 1023 with --port N`;
  if (!(e instanceof UsageError)) return String(err.message).split('\n')[0];
  // create()'s messages begin with the option's name (`port must be…`): written as the flag; others are whole already
  const name = /^(\w[\w-]*) /.exec(err.message)?.[1];
  return name !== undefined && FLAGS.has(name) ? `--${err.message}` : err.message;
}

async function main(): Promise<void> {
  let args: ReturnType<typeof readArgs> | undefined;
  try {
    args = readArgs(process.argv.slice(2));
    if (args === 'help') return void console.log(EMULATOR_USAGE);
    const started = performance.now();
    const emu = await create(args);
    const ms = Math.round(performance.now() - started);
    const d = args.dataset;
    const data =
      typeof d === 'string'
        ? `data set ${d}`
        : d && 'receipts' in d
          ? `${d.receipts} synthetic receipts`
          : 'seed data set';
    const playing = `readings: ${emu.readings.join(', ')}, fault: ${args.fault ?? 'none'}`;
    const stop = (signal: string): void => {
      console.error(`# ${signal}: finishing requests in flight, then stopping`);
      emu.stop().then(
        () => process.exit(0),
        () => process.exit(2),
      );
    };
    // handlers first: a client that stops it right after the start line must find them in place
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    console.log(`# receipt emulator on ${emu.url} (${data}, ${playing}, ready in ${ms} ms); Ctrl-C stops it`);
    for (const [name, value] of Object.entries(targetEnv(emu.target))) console.log(`export ${name}=${value}`);
  } catch (e) {
    console.error(`emulator: ${explain(e, args === 'help' ? undefined : args)}`);
    process.exit(2);
  }
}

await main();
