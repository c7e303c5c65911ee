import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseShard, type Shard } from '../shards/shard.js';
import { parseStartAt } from '../shards/start-at.js';
import { flagError, UsageError, reject } from '../../client/usage-error.js';
import { connectionsWhy, MAX_SECONDS, maxConnections } from './limits.js';

/** Command-line options of `npm run load`, validated once and frozen. */
export interface Options {
  /** Scenario YAML file. */
  file: string;
  /** Scenario names to run; empty: all in the file. */
  scenarios: readonly string[];
  duration?: number;
  connections?: number;
  /** Constant arrival rate (req/s): switches the scenarios to open-loop mode. */
  rate?: number;
  warmup?: number;
  out: string;
  /** Where `out` came from, named when it cannot be written: `--out`, or `REPORT_DIR` for the default under it. */
  outSetting: '--out' | 'REPORT_DIR';
  /** This generator's share of every scenario (`--shard i/N`); null: the whole load. */
  shard: Shard | null;
  /** Hold until this instant before the first warm-up (`--start-at`), so shards measure at the same time. */
  startAt: Date | null;
  /** Generator processes to run on this machine (`--workers`); null: this process generates the load itself. */
  workers: number | null;
  allowRemote: boolean;
  acceptTwilioCosts: boolean;
  help: boolean;
}

/** The default scenario file, next to this module. */
export const DEFAULT_FILE = fileURLToPath(new URL('../scenarios.yaml', import.meta.url));
/** Where reports go unless --out says otherwise: `load` under REPORT_DIR (the contract's rule), else ./reports/load. */
export function defaultOut(env: NodeJS.ProcessEnv, under = 'load'): string {
  return join(env.REPORT_DIR || 'reports', under);
}

/** Usage text for --help and for a bad flag. */
export const USAGE = `usage: receipt-harness load [scenario-file.yaml] [--scenario NAME[,NAME]] [--duration SECONDS] [--connections N]
       [--rate REQ_PER_S] [--warmup SECONDS] [--out DIR] [--workers N|auto] [--shard I/N] [--start-at ISO-TIME]
       [--allow-remote] [--i-accept-twilio-costs]`;

/** The flags `npm run load` accepts (the README's flag table lists each). */
export const FLAGS = {
  scenario: { type: 'string', multiple: true },
  duration: { type: 'string' },
  connections: { type: 'string' },
  rate: { type: 'string' },
  warmup: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  shard: { type: 'string' },
  'start-at': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  'i-accept-twilio-costs': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The bound on seconds: a timer must hold them (limits.ts). */
const SECONDS_MAX = { max: MAX_SECONDS, says: `at most ${MAX_SECONDS} s (one day); split a longer soak into runs` };

/**
 * Parses a flag's number: seconds (> 0, or >= 0 when zero is allowed; at most MAX_SECONDS) or a whole count (>= 1,
 * at most `limit`); a bad value names the flag.
 */
export function numberFlag(
  flag: string,
  text: string | undefined,
  kind: 'seconds' | 'seconds-or-zero' | 'count',
  limit = kind === 'count' ? { max: Infinity, says: '' } : SECONDS_MAX,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  const ok =
    text.trim() !== '' &&
    Number.isFinite(n) &&
    (kind === 'count' ? Number.isInteger(n) && n >= 1 : kind === 'seconds' ? n > 0 : n >= 0);
  if (!ok) reject(flag, text, ALLOWED[kind].replace('FLAG', flag));
  if (n > limit.max) reject(flag, text, `allowed: ${limit.says}`);
  return n;
}

const ALLOWED = {
  seconds: 'allowed: a number of seconds > 0, e.g. FLAG 5',
  'seconds-or-zero': 'allowed: a number of seconds >= 0, e.g. FLAG 1',
  count: 'allowed: a whole number >= 1, e.g. FLAG 10',
};

/** Parses --workers: a whole number >= 1, or `auto` (this machine's available parallelism). */
export function parseWorkers(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (text.trim() === 'auto') return Math.max(1, availableParallelism());
  return numberFlag('--workers', text, 'count')!;
}

/**
 * Reads argv into frozen Options (`now` dates --start-at; `env` gives REPORT_DIR); unknown flags and bad values throw
 * a UsageError.
 */
export function parseOptions(
  argv: readonly string[],
  now = Date.now(),
  env: NodeJS.ProcessEnv = process.env,
): Readonly<Options> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${flagError(err).split(/\. /)[0]}; see receipt-harness load --help`);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) reject('scenario file', positionals, 'give at most one scenario file');
  if (v.out !== undefined && v.out.trim() === '') reject('--out', v.out, 'allowed: a directory path');
  if (v.workers !== undefined && v.shard !== undefined)
    throw new UsageError('--workers and --shard: give one (a machine runs either its shard or N workers of the whole)');
  return Object.freeze({
    file: positionals[0] ?? DEFAULT_FILE,
    scenarios: Object.freeze(
      (v.scenario ?? [])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    duration: numberFlag('--duration', v.duration, 'seconds'),
    connections: numberFlag('--connections', v.connections, 'count', {
      max: maxConnections(),
      says: connectionsWhy(),
    }),
    rate: numberFlag('--rate', v.rate, 'count'),
    warmup: numberFlag('--warmup', v.warmup, 'seconds-or-zero'),
    out: v.out ?? defaultOut(env),
    outSetting: v.out === undefined && env.REPORT_DIR ? 'REPORT_DIR' : '--out',
    shard: v.shard === undefined ? null : Object.freeze(parseShard(v.shard)),
    startAt: parseStartAt(v['start-at'], now),
    workers: parseWorkers(v.workers),
    allowRemote: v['allow-remote'] ?? false,
    acceptTwilioCosts: v['i-accept-twilio-costs'] ?? false,
    help: v.help ?? false,
  });
}
