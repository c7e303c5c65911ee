import type { Scenario } from '../run/scenario-file.js';
import { UsageError } from '../../client/usage-error.js';
import { shareOf, type Shard } from './shard.js';

/** Who splits the load, for messages: `--shard … shards` or `--workers … workers`. */
export interface SplitBy {
  flag: string;
  noun: string;
}
const BY_SHARD: SplitBy = { flag: '--shard', noun: 'shards' };

/** The setting's share, refused when some shard would get none (that shard could not run at all). */
function nonZeroShare(s: Scenario, unit: string, total: number, shard: Shard, by: SplitBy): number {
  // the smallest share is the last shard's; if it is 0, some shard is left without any
  if (shareOf(total, { index: shard.count, count: shard.count }) === 0)
    throw new UsageError(`${by.flag}: ${s.name} has ${total} ${unit}; ${shard.count} ${by.noun} leave some with none`);
  return shareOf(total, shard);
}

/** A scenario's share for one shard: connections, open-loop rate and maxRequests split so that the shards sum to it. */
export function shardScenario(s: Scenario, shard: Shard | null, by = BY_SHARD): Scenario {
  if (!shard || shard.count === 1) return s;
  return Object.freeze({
    ...s,
    connections: nonZeroShare(s, 'connections', s.connections, shard, by),
    ...(s.mode === 'open' && { rate: nonZeroShare(s, 'req/s of open-loop rate', s.rate!, shard, by) }),
    maxRequests: nonZeroShare(s, 'maxRequests', s.maxRequests, shard, by),
  });
}

/** Shard i's part of the rotation: paths j with j % N == i-1, so N shards visit every path once per cycle. */
export function shardPaths(name: string, paths: readonly string[], shard: Shard | null): string[] {
  if (!shard || shard.count === 1) return [...paths];
  if (paths.length < shard.count)
    throw new UsageError(`--shard: ${name} has ${paths.length} URLs; ${shard.count} shards leave some with none`);
  return paths.filter((_, j) => j % shard.count === shard.index - 1);
}
