import { reject } from '../../client/usage-error.js';

/** How far in the past a --start-at may be (a shard that starts a little late runs at once) and how far ahead. */
export const START_AT_LIMITS = { pastS: 5, aheadS: 3600 };

// a zone is required: a time without one means another instant on each machine's clock
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i;

/** Parses --start-at: an ISO time from a few seconds ago to an hour ahead; anything else names the flag. */
export function parseStartAt(text: string | undefined, now = Date.now()): Date | null {
  if (text === undefined) return null;
  const at = Date.parse(text);
  const ahead = (at - now) / 1000;
  const example = `e.g. --start-at ${new Date(Math.ceil(now / 1000) * 1000 + 60_000).toISOString()}`;
  if (!ISO_WITH_ZONE.test(text.trim()) || Number.isNaN(at))
    reject('--start-at', text, `allowed: an ISO date-time with a zone, ${example}`);
  if (ahead < -START_AT_LIMITS.pastS)
    reject('--start-at', text, `that is ${(-ahead).toFixed(1)} s ago; give a time in the future, ${example}`);
  if (ahead > START_AT_LIMITS.aheadS)
    reject('--start-at', text, `that is ${Math.round(ahead)} s ahead; at most ${START_AT_LIMITS.aheadS} s allowed`);
  return new Date(at);
}
