/** What the stall check reads of a result: its mode and its answers per interval. */
export interface StallInput {
  mode: 'closed' | 'open';
  series: { interval_ms: number; requests: readonly number[]; errors?: readonly number[] };
}

/** An interval below this share of the median throughput counts as stalled. */
const LOW_SHARE = 0.1;
/** Shorter stalls are left unmentioned: a loaded machine or a garbage collection pauses a client that long. */
const MIN_STALL_MS = 400;
/** At most this many stalls are named, the longest first. */
const MAX_NOTES = 3;

/** The median of the intervals that had answers (a long stall must not drag the median it is measured against). */
function medianOf(counts: readonly number[]): number {
  const busy = counts.filter((c) => c > 0).sort((a, b) => a - b);
  return busy.length === 0 ? 0 : busy[(busy.length - 1) >> 1];
}

/** Runs of stalled intervals as [first index, length]; an interval in which requests failed is an outage, not a stall. */
function stalls(counts: readonly number[], floor: number, errors: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] >= floor || (errors[i] ?? 0) > 0) continue;
    const last = runs.at(-1);
    if (last && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1]);
  }
  return runs;
}

/**
 * Notes for a closed-loop run whose answers stopped for a while: closed loop sends nothing while it waits, so the
 * requests a user would have sent then are missing from its latency (coordinated omission). Open loop measures them.
 */
export function stallNotes(r: StallInput): string[] {
  if (r.mode !== 'closed') return [];
  const ms = r.series.interval_ms;
  // the last interval is cut short by the end of the run: its low count is no stall
  const counts = r.series.requests.slice(0, -1);
  const median = medianOf(counts);
  if (median === 0) return [];
  const rate = Math.max(1, Math.round((median * 1000) / ms));
  return stalls(counts, median * LOW_SHARE, r.series.errors ?? [])
    .filter(([, n]) => n * ms >= Math.max(MIN_STALL_MS, ms))
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_NOTES)
    .map(
      ([i, n]) =>
        `a stall of ~${((n * ms) / 1000).toFixed(1)} s from ${((i * ms) / 1000).toFixed(1)} s: closed loop sends ` +
        'nothing while it waits, so requests that would have been due then are missing from the latency ' +
        `(coordinated omission); run it in open mode (mode: open, rate: ${rate}) to measure it`,
    );
}
