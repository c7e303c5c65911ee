/**
 * Where the requests of a run ended: every request the tool started ends in exactly one of answered, timed_out,
 * connect_failed, failed_after_send and not_sent (docs/load.md "Counts"). `resent` and `unpaired` are not buckets:
 * requests pipelined behind an answer that closed its connection, written again on a new one (each still ends in one
 * bucket), and answers that arrived when no request was waiting for one (never judged, never counted as answers).
 */
export interface Outcomes {
  started: number;
  answered: number;
  timed_out: number;
  connect_failed: number;
  failed_after_send: number;
  not_sent: number;
  resent: number;
  unpaired: number;
}

/** The five buckets a started request can end in. */
export type Bucket = 'answered' | 'timed_out' | 'connect_failed' | 'failed_after_send' | 'not_sent';

/** Nothing started yet. */
export function noOutcomes(): Outcomes {
  return {
    started: 0,
    answered: 0,
    timed_out: 0,
    connect_failed: 0,
    failed_after_send: 0,
    not_sent: 0,
    resent: 0,
    unpaired: 0,
  };
}

/** Several generators' outcomes added up (every field is a count). */
export function addOutcomes(all: readonly Outcomes[]): Outcomes {
  const out = noOutcomes();
  for (const o of all) for (const k of Object.keys(out) as (keyof Outcomes)[]) out[k] += o[k] ?? 0;
  return out;
}

/** Requests that got no answer, each counted once: timed out, failed to connect, or failed after it was sent. */
export const failedOf = (o: Outcomes): number => o.timed_out + o.connect_failed + o.failed_after_send;

/** Requests that reached the target: answered, timed out, or failed after they were sent. */
export const sentOf = (o: Outcomes): number => o.answered + o.timed_out + o.failed_after_send;

/** What does not add up, or null: every started request in one bucket, and `sent` equal to its three buckets. */
export function unreconciled(o: Outcomes, sent: number): string | null {
  const ended = sentOf(o) + o.connect_failed + o.not_sent;
  if (ended !== o.started) return `${o.started} requests started but ${ended} ended in a bucket`;
  if (sent !== sentOf(o)) return `${sent} requests sent but answered + timed out + failed after send = ${sentOf(o)}`;
  return null;
}

/** The buckets of requests still queued on a socket that ended: on one that never connected, failed to connect (not
 * sent when the run stopped them), unless written there again after being sent before; else timed out after a
 * time-out, failed after send otherwise. */
export function bucketsOf(
  entries: readonly { resent?: boolean }[],
  how: { connected: boolean; timeout: boolean; stopped: boolean },
): Record<Exclude<Bucket, 'answered'>, number> {
  const n = { connect_failed: 0, timed_out: 0, failed_after_send: 0, not_sent: 0 };
  for (const e of entries) {
    if (!how.connected && !e.resent) n[how.stopped ? 'not_sent' : 'connect_failed']++;
    else n[how.timeout ? 'timed_out' : 'failed_after_send']++;
  }
  return n;
}
