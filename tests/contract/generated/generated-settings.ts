import { orExit } from '../../../client/or-exit.js';
import { UsageError } from '../../../client/usage-error.js';

/** The generated phase's settings: the seed that makes a run repeatable, and the request budget. */
export interface GeneratedSettings {
  seed: number;
  budget: number;
}

/** Requests the generated phase sends by default: `npm run contract` stays within its time budget (see the README). */
export const DEFAULT_BUDGET = 300;
/** The documented nightly setting: many more draws, the same oracles. */
export const NIGHTLY_BUDGET = 20_000;
/** The largest budget accepted: a runaway setting must not flood a real target. */
export const MAX_BUDGET = 1_000_000;

/** Reads a non-negative integer setting, or its fallback when unset. */
function readInt(env: Record<string, string | undefined>, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max)
    throw new UsageError(`${name} must be an integer from 0 to ${max}; received ${JSON.stringify(raw.slice(0, 40))}`);
  return Number(raw);
}

/** CONTRACT_SEED (default: a fresh one, printed in the report) and CONTRACT_BUDGET (default DEFAULT_BUDGET). */
export function readGeneratedSettings(env: Record<string, string | undefined> = process.env): GeneratedSettings {
  const seed = readInt(env, 'CONTRACT_SEED', Math.floor(Math.random() * 2 ** 31), 2 ** 31 - 1);
  return { seed, budget: readInt(env, 'CONTRACT_BUDGET', DEFAULT_BUDGET, MAX_BUDGET) };
}

/** Checks CONTRACT_SEED and CONTRACT_BUDGET before any test runs (the config calls it): one line and exit 2 when bad. */
export function readGeneratedSettingsOrExit(env: Record<string, string | undefined> = process.env): void {
  orExit('Contract settings', () => readGeneratedSettings(env));
}
