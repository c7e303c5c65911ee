import type { Client } from 'autocannon';

// autocannon's client sends through this method after connecting and after each answer; pacing wraps it.
interface Sender {
  _doRequest(): void;
  destroyed: boolean;
}

/** An open-loop schedule: each connection sends at fixed times, and latency counts from the time a request was due. */
export interface Pacer {
  /** Hook for autocannon's `setupClient`. */
  attach(client: Client): void;
  /** Starts the clock once every client exists (autocannon builds them synchronously, which takes a while for long rotations). */
  begin(): void;
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
  const waiting: (() => void)[] = [];
  let index = 0;
  let start: number | undefined;
  return {
    attach(client) {
      const sender = client as unknown as Sender;
      const send = sender._doRequest.bind(sender);
      const offset = ((index++ % connections) * intervalMs) / connections;
      let next: number | undefined;
      const paced = (): void => {
        next ??= start! + offset;
        const at = next;
        next += intervalMs;
        // a timer may fire a little early (whole milliseconds): then latency counts from the actual send
        const go = (): void => {
          if (!sender.destroyed) {
            due.set(client, Math.min(at, performance.now()));
            send();
          }
        };
        const wait = at - performance.now();
        if (wait <= 0) go();
        else setTimeout(go, wait);
      };
      sender._doRequest = () => (start === undefined ? waiting.push(paced) : paced());
    },
    begin() {
      start = performance.now();
      waiting.splice(0).forEach((f) => f());
    },
    latencySinceDue(client, now) {
      const at = due.get(client);
      return at === undefined ? undefined : now - at;
    },
  };
}
