import type { Cause } from '../send/client-socket.js';
import type { Bucket } from '../send/outcomes.js';

/** Spans without an answer in which requests failed: when the target stopped answering, why, and when it came back. */
export interface OutageWatch {
  /** An answer arrived (performance.now()). */
  answer(now: number): void;
  /** Requests ended without an answer. */
  failure(bucket: Exclude<Bucket, 'answered'>, cause: Cause, n: number): void;
  /** One note per outage in time order, seconds from the measured start; `end`: when the run ended. */
  notes(end: number): string[];
}

/** A gap between answers shorter than this is not named (one reset among busy connections leaves none). */
export const MIN_OUTAGE_MS = 100;
const MAX_NOTES = 5;

/** How a failure reads in the note. */
function labelOf(bucket: Exclude<Bucket, 'answered'>, cause: Cause): string {
  if (bucket === 'timed_out') return 'timed out';
  if (bucket === 'connect_failed')
    return cause === 'refused' ? 'connection refused' : cause === 'timeout' ? 'connect timed out' : `connect: ${cause}`;
  if (cause === 'reset' || cause === 'closed') return `connection ${cause}`;
  return cause === 'unpaired' ? 'an answer to no request' : cause;
}

interface Span {
  from: number;
  to: number | null;
  causes: Map<string, number>;
}

/** Watches one measured phase that began at `origin` (performance.now()); a target down from the start is out from 0 s. */
export function createOutageWatch(origin: number): OutageWatch {
  let last = origin;
  let open: Span | null = null;
  const spans: Span[] = [];
  const s = (t: number): string => `${((t - origin) / 1000).toFixed(1)} s`;
  return {
    answer(now) {
      if (open !== null) {
        open.to = now;
        if (now - open.from >= MIN_OUTAGE_MS) spans.push(open);
        open = null;
      }
      last = now;
    },
    failure(bucket, cause, n) {
      if (bucket === 'not_sent') return;
      open ??= { from: last, to: null, causes: new Map() };
      const label = labelOf(bucket, cause);
      open.causes.set(label, (open.causes.get(label) ?? 0) + n);
    },
    notes(end) {
      const all = open && end - open.from >= MIN_OUTAGE_MS ? [...spans, open] : spans;
      const lines = all.slice(0, MAX_NOTES).map((o) => {
        const why = [...o.causes].map(([label, n]) => `${label} ×${n}`).join(', ');
        const span = o.to === null ? `${s(o.from)} until the run ended at ${s(end)}` : `${s(o.from)} to ${s(o.to)}`;
        return `no answer from ${span}: ${why}`;
      });
      if (all.length > MAX_NOTES)
        lines.push(`no answer in ${all.length - MAX_NOTES} more spans of at least ${MIN_OUTAGE_MS} ms`);
      return lines;
    },
  };
}
