import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Scenario } from '../run/scenario-file.js';
import { settingsOf, type ScenarioResult } from './scenario-result.js';
import type { Shard } from '../shards/shard.js';
import type { Threshold } from '../thresholds/parse-threshold.js';

/** One scenario as resolved before sharding: what every shard of a run must agree on. */
export interface ResolvedSettings extends Omit<ScenarioResult['settings'], 'rate'> {
  operation: string;
  mode: 'closed' | 'open';
  rate: number | null;
  thresholds: Threshold[];
}

/** Where a result came from: the scenario file (path and hash), the resolved settings, the shard and the start time. */
export interface RunInfo {
  scenario_file: string;
  /** SHA-256 of the scenario file's bytes (hex). */
  scenario_sha256: string;
  /** Per scenario name, the whole scenario's settings (not this shard's share) and its thresholds. */
  settings: Record<string, ResolvedSettings>;
  shard: Shard | null;
  /** The `--start-at` instant (ISO), or null. */
  start_at: string | null;
}

/** The SHA-256 (hex) of a file's bytes. */
export function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The provenance of a run over `scenarios` (resolved, unsharded) read from `file`. */
export function runInfo(
  file: string,
  scenarios: readonly Scenario[],
  shard: Shard | null,
  startAt: Date | null,
): RunInfo {
  const settings: Record<string, ResolvedSettings> = {};
  for (const s of scenarios) {
    const thresholds = s.thresholds.map((t) => ({ ...t }));
    settings[s.name] = { operation: s.operation, mode: s.mode, ...settingsOf(s), thresholds };
  }
  const sha = fileSha256(file);
  return { scenario_file: file, scenario_sha256: sha, settings, shard, start_at: startAt?.toISOString() ?? null };
}
