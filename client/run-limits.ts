import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orExit } from './or-exit.js';
import { UsageError } from './usage-error.js';

/** How long a contract run may go on: 429s with nothing served in between, and the whole run. */
export interface RunLimits {
  /** CONTRACT_RATE_PATIENCE: the longest stretch of 429s with no answer served in between. */
  patienceMs: number;
  /** CONTRACT_DEADLINE: from the run's start; nothing is sent after it. */
  deadlineMs: number;
}

/** The settings that move the run's limits, their defaults and bounds (seconds). */
export const RUN_LIMIT_SETTINGS = {
  CONTRACT_RATE_PATIENCE: { field: 'patienceMs', fallback: 30, max: 3_600 },
  CONTRACT_DEADLINE: { field: 'deadlineMs', fallback: 900, max: 86_400 },
} as const;

/** Set by playwright.config.ts once per run (like CONTRACT_RUN_ID): when the run began, in ms since the epoch. */
export const RUN_STARTED_VAR = 'CONTRACT_RUN_STARTED';

type Env = Record<string, string | undefined>;

/** Reads CONTRACT_RATE_PATIENCE and CONTRACT_DEADLINE (whole seconds), or their defaults when unset. */
export function readRunLimits(env: Env = process.env): RunLimits {
  const out: RunLimits = { patienceMs: 0, deadlineMs: 0 };
  for (const [name, { field, fallback, max }] of Object.entries(RUN_LIMIT_SETTINGS)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '' && (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max))
      throw new UsageError(
        `${name} must be a whole number of seconds from 1 to ${max} (default ${fallback}); received ${JSON.stringify(raw.slice(0, 40))}`,
      );
    out[field] = 1000 * (raw === undefined || raw === '' ? fallback : Number(raw));
  }
  return out;
}

/** Reads the run limits for the config: a bad value prints its one line and ends the run before any test starts. */
export function readRunLimitsOrExit(env: Env = process.env): RunLimits {
  return orExit('Run limits', () => readRunLimits(env));
}

/**
 * What the suite's clients share within one run: the patience, the run's deadline (from its start, set by the
 * config), and the file through which a rate-limiting verdict reaches every worker (Playwright restarts one per
 * failure, and a fresh worker must not wait out the patience again).
 */
export function suiteLimits(env: Env = process.env): { patienceMs: number; deadlineAt: number; rateStateFile: string } {
  const { patienceMs, deadlineMs } = readRunLimits(env);
  const started = Number(env[RUN_STARTED_VAR]) || Date.now();
  const rateStateFile = join(tmpdir(), `receipt-contract-${env.CONTRACT_RUN_ID ?? process.pid}.rate-limited`);
  return { patienceMs, deadlineAt: started + deadlineMs, rateStateFile };
}
