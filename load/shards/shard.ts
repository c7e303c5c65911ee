import { reject } from '../../client/usage-error.js';

/** Which share of the load one generator takes: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** `2/3` as a Shard; anything else is a one-line error naming the flag. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(index >= 1 && count >= 1 && index <= count && Number.isSafeInteger(count)))
    reject(flag, text, `allowed: i/N with whole numbers 1 <= i <= N, e.g. ${flag} 2/3`);
  return { index, count };
}

/** The text form, `2/3`. */
export const shardText = (s: Shard): string => `${s.index}/${s.count}`;

/** Shard i's exact part of a whole: the remainder goes one each to the first shards, so the parts sum to it. */
export function shareOf(total: number, shard: Shard): number {
  const base = Math.floor(total / shard.count);
  return base + (shard.index - 1 < total % shard.count ? 1 : 0);
}
