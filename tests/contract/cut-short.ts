import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Api } from '../../client/api.js';

/** Where a run records that a test already failed because the client stopped (next to the rate-limiting verdict). */
const markerOf = (api: Api): string | null => (api.limits.rateStateFile ? `${api.limits.rateStateFile}.cut` : null);

/**
 * Why the rest of the run is not run: a test of this run already failed because its client stopped sending (the
 * target answered nothing but 429s past CONTRACT_RATE_PATIENCE, or the run passed CONTRACT_DEADLINE). Later tests are
 * skipped with this reason (the report lists them as not exercised) instead of each failing the same way, since every
 * failed test costs Playwright a fresh worker: an always-429 target so ends in seconds. Null: run the test.
 */
export function cutShort(api: Api): string | null {
  const marker = markerOf(api);
  return marker && existsSync(marker) ? `not run: ${readFileSync(marker, 'utf8')}` : null;
}

/** After a test: when it failed and its client has stopped, the run is cut short from here (a failed test says why). */
export function markCutShort(api: Api, failed: boolean): void {
  const marker = markerOf(api);
  const why = api.stopped;
  if (failed && why && marker) writeFileSync(marker, why);
}
