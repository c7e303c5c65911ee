// receipt-harness SUBCOMMAND [flags]: the installed command; every npm run script of the repository calls it too.
import { UsageError } from '../client/usage-error.js';
import { COMMANDS, type CommandName } from './commands.js';
import { TARGET_FLAGS_USAGE, takeTargetFlags } from './target-flags.js';

/** What `receipt-harness --help` prints. */
export const HARNESS_USAGE = `usage: receipt-harness COMMAND [flags]   (receipt-harness COMMAND --help for its flags)
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}
exit codes: 0 the target conforms / every threshold held; 1 it broke the contract or a threshold;
2 the command could not run as asked (a bad flag, setting or file, a target that cannot be reached)`;

/** Runs one subcommand in this process: its module reads the command line after the subcommand's name. */
async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') return void console.log(HARNESS_USAGE);
  // no command ran: the usage, and exit 2 (a CI step that lost its arguments must not pass)
  if (name === undefined) {
    console.error(HARNESS_USAGE);
    return void (process.exitCode = 2);
  }
  if (!Object.hasOwn(COMMANDS, name))
    throw new UsageError(
      `unknown command ${JSON.stringify(name)}; one of ${Object.keys(COMMANDS).join(', ')} (try --help)`,
    );
  const command = COMMANDS[name as CommandName];
  let args = rest;
  if (command.target) {
    const taken = takeTargetFlags(rest);
    Object.assign(process.env, taken.settings);
    args = taken.rest;
  }
  process.argv = [process.argv[0], process.argv[1], ...args];
  await import(command.module);
  if (command.target && (args.includes('--help') || args.includes('-h'))) console.log(TARGET_FLAGS_USAGE);
}

const argv = process.argv.slice(2);
try {
  await main(argv);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  // a command that reads its own flags prints its own line; these are the dispatcher's and contract's
  const command = argv[0] && Object.hasOwn(COMMANDS, argv[0]) ? ` ${argv[0]}` : '';
  console.error(`receipt-harness${command}: ${e.message}`);
  process.exitCode = 2;
}
