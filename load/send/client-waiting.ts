import type { QueueEntry } from './autocannon-internals.js';

/** Closed loop: after a connection that failed before any answer, the next attempt waits this long (a dead target is
 * not hammered); open loop tries again when the next request falls due. */
export const RECONNECT_PAUSE_MS = 50;

/** What the waiting room asks of its client's sockets. */
export interface Sockets {
  /** A socket that can take a request now (connected or connecting, not failed, not closing). */
  live(): boolean;
  /** Ends the current socket if it failed or is closing (its requests end in their buckets or come back here): true
   * when there was one to end. */
  retire(): boolean;
  /** Opens a socket. */
  open(): void;
  /** The last socket ended before any answer (closed loop waits before it tries again). */
  readonly lastFailed: boolean;
  /** Open loop: a schedule paces the requests, and with them the attempts. */
  readonly paced: boolean;
  readonly destroyed: boolean;
  /** Writes the next request of the rotation / an owed request again on the live socket. */
  send(): void;
  resend(e: QueueEntry): void;
}

/** The requests of one client that wait for a socket: started ones not yet written, and ones owed a new try. */
export interface Waiting {
  /** A request was started. */
  add(): void;
  /** Requests pipelined behind an answer that closed its connection: written again first. */
  owe(entries: QueueEntry[]): void;
  /** Writes what waits, opening a socket first if needed (after a pause when the last never answered). */
  flush(): void;
  /** The run ends: no more waiting for a pause; returns how many started requests will never be sent. */
  end(): number;
  /** The client is destroyed: empties the room; returns the started requests never sent and those owed a new try. */
  drop(): { held: number; owed: number };
  readonly size: number;
}

/** A waiting room over a client's sockets. */
export function createWaiting(s: Sockets): Waiting {
  let held = 0;
  let again: QueueEntry[] = [];
  let pause: NodeJS.Timeout | undefined;
  let [flushing, paused] = [false, false];
  const flush = (): void => {
    if (flushing) return; // a request started while flushing (a replacement) is written by the loop below
    flushing = true;
    try {
      while (held + again.length > 0 && !s.destroyed && pause === undefined) {
        if (!s.live()) {
          if (s.retire()) continue;
          if (s.lastFailed && !paused && !s.paced) {
            pause = setTimeout(resume, RECONNECT_PAUSE_MS); // open loop's schedule paces its attempts itself
            break;
          }
          paused = false;
          s.open();
        }
        if (again.length > 0) for (const e of again.splice(0)) s.resend(e);
        for (; held > 0 && s.live(); held--) s.send();
      }
    } finally {
      flushing = false;
    }
  };
  const resume = (): void => {
    [pause, paused] = [undefined, true];
    flush();
  };
  return {
    add() {
      if (held + again.length === 0 && !flushing && pause === undefined && s.live()) return s.send(); // the usual case
      held++;
      flush();
    },
    owe(entries) {
      again.push(...entries);
    },
    flush,
    end() {
      clearTimeout(pause);
      pause = undefined;
      const dropped = held;
      held = 0;
      flush(); // requests owed a new try were sent once already: they still get their answer
      return dropped;
    },
    drop() {
      clearTimeout(pause);
      const out = { held, owed: again.length };
      [held, again] = [0, []];
      return out;
    },
    get size() {
      return held + again.length;
    },
  };
}
