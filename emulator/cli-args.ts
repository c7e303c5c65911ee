import { parseArgs } from 'node:util';
import { flagError, UsageError } from '../client/usage-error.js';
import { MAX_LATENCY, MAX_RECEIPTS, type EmulatorOptions } from './options.js';
import type { FaultName } from './faults.js';
import { DEFAULT_READINGS, type ReadingName } from './readings.js';

/** The emulator's default port on the command line (tests use port 0). */
export const DEFAULT_PORT = 4010;

/** What `npm run emulator -- --help` prints. */
export const EMULATOR_USAGE = `usage: receipt-harness emulator [options]
  --port N          port to listen on (default ${DEFAULT_PORT}; 0: any free port)
  --host HOST       loopback address to listen on (default 127.0.0.1)
  --public-url URL  origin written into url and meta.*_url (default: the listening URL)
  --base-path PATH  serve the API under a path prefix, as behind a gateway (e.g. /twilio-api); links carry it
  --fault NAME      serve with one deliberate contract deviation (see README: Emulator)
  --reading NAME    play a behaviour a correct server may have; repeatable (default: ${DEFAULT_READINGS.join(', ')})
  --latency MS      add a fixed delay to every answer (0..${MAX_LATENCY})
  --receipts N      serve a synthetic data set of N receipts instead of fixtures/seed.yaml (1..${MAX_RECEIPTS})
  --seed N          seed number of the synthetic data set (default 1)
  --dataset FILE    serve the receipts of a recording (receipt-harness proxy --record FILE) or another seed YAML`;

/** Parses a whole non-negative integer option, naming it when it is not one. */
function integer(name: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,10}$/.test(text) || Number(text) > max)
    throw new UsageError(`--${name} must be an integer from 0 to ${max}, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** Reads the command line into create() options (or help); an UsageError is a one-line message. */
export function readArgs(argv: string[]): EmulatorOptions | 'help' {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'public-url': { type: 'string' },
        'base-path': { type: 'string' },
        fault: { type: 'string' },
        latency: { type: 'string' },
        receipts: { type: 'string' },
        seed: { type: 'string' },
        dataset: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        reading: { type: 'string', multiple: true },
      },
    }).values;
  } catch (e) {
    throw new UsageError(`${flagError(e)} (try --help)`);
  }
  if (values.help) return 'help';
  const str = (k: string): string | undefined => values[k] as string | undefined;
  const receipts = integer('receipts', str('receipts'), MAX_RECEIPTS);
  const seed = integer('seed', str('seed'), 2 ** 32 - 1);
  if (seed !== undefined && receipts === undefined)
    throw new UsageError('--seed needs --receipts N (it seeds the synthetic data set)');
  if (str('dataset') !== undefined && receipts !== undefined)
    throw new UsageError('--dataset and --receipts both name the data set: give one');
  return {
    port: integer('port', str('port'), 65535) ?? DEFAULT_PORT,
    host: str('host'),
    publicUrl: str('public-url'),
    basePath: str('base-path'),
    fault: str('fault') as FaultName | undefined,
    readings: values.reading as ReadingName[] | undefined,
    latency: integer('latency', str('latency'), MAX_LATENCY),
    dataset: receipts === undefined ? str('dataset') : { receipts, seed },
  };
}
