import type { Client } from 'autocannon';

/** An open-loop schedule: each connection sends at fixed times, and latency counts from the time a request was due. */
export interface Pacer {
  /** Hook for autocannon's `setupClient`: gives the client its place in the schedule. */
  attach(client: Client): void;
  /** Starts the clock once every client exists (autocannon builds them synchronously, which takes a while for long rotations). */
  begin(): void;
  /** Calls `write` when the client's next request falls due (at once when that time has passed). */
  schedule(client: Client, write: () => void): void;
  /** Milliseconds from when the client's current request was due until now (coordinated omission excluded). */
  latencySinceDue(client: Client, now: number): number | undefined;
}

/**
 * Paces every connection to one request each `intervalMs`, offset so the connections together give an even arrival rate.
 * A late answer does not move the schedule: requests that fell due meanwhile go out at once and their wait counts as latency,
 * as in wrk2; autocannon's own rate option sends each second's quota in one burst, which is why it is not used.
 */
export function createPacer(intervalMs: number, connections: number): Pacer {
  const due = new WeakMap<object, number>();
  const slots = new WeakMap<object, { offset: number; next?: number }>();
  const waiting: (() => void)[] = [];
  let index = 0;
  let start: number | undefined;
  const pacer: Pacer = {
    attach(client) {
      slots.set(client, { offset: ((index++ % connections) * intervalMs) / connections });
    },
    begin() {
      start = performance.now();
      waiting.splice(0).forEach((f) => f());
    },
    schedule(client, write) {
      if (start === undefined) return void waiting.push(() => pacer.schedule(client, write));
      const slot = slots.get(client)!;
      slot.next ??= start + slot.offset;
      const at = slot.next;
      slot.next += intervalMs;
      // a timer may fire a little early (whole milliseconds): then latency counts from the actual send
      const go = (): void => {
        due.set(client, Math.min(at, performance.now()));
        write();
      };
      const wait = at - performance.now();
      if (wait <= 0) go();
      else setTimeout(go, wait);
    },
    latencySinceDue(client, now) {
      const at = due.get(client);
      return at === undefined ? undefined : now - at;
    },
  };
  return pacer;
}
