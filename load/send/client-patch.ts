import type { Client } from 'autocannon';
import { internalsOf, parserClassOf, type HeadInfo, type QueueEntry } from './autocannon-internals.js';
import { markDead, openSocket, silence, type Cause, type ClientSocket } from './client-socket.js';
import { createWaiting, type Sockets } from './client-waiting.js';
import { bucketsOf, type Bucket } from './outcomes.js';

/** What a patched client tells its run, and asks of it (the counts of every request are the client's own, below). */
export interface ClientHooks {
  /** `ending` turns true once the run ends: nothing new is started, requests in flight still end in their bucket. */
  run: { ending: boolean };
  /** Calls `write` when the client's next request falls due (open loop); absent: at once. */
  schedule?: (client: Client, write: () => void) => void;
  ended(bucket: Exclude<Bucket, 'answered'>, cause: Cause, n: number): void;
  resent(n: number): void;
  unpaired(): void;
  /** A request was answered or ended: the run may be drained now. */
  settled(): void;
}

/** One patched client: its counts (plain fields: the hot path pays no call), the requests it still owes a bucket,
 * and the end of the run for it. */
export interface PatchedClient {
  counts: { started: number; sent: number; answered: number };
  pending(): number;
  end(): void;
}

/**
 * Makes one autocannon client pair every answer with its own request and end every request in one bucket: each socket
 * gets its own parser and queue; requests still queued on a socket that failed end as failed to connect (it never
 * connected), timed out or failed after send, and are replaced; nothing is written on a connection after an answer
 * that said `Connection: close` (requests pipelined behind it are written again on the next); an answer that no
 * waiting request can have caused is counted as unpaired and never judged. autocannon-internals.ts says what is
 * replaced.
 */
export function patchClient(client: Client, hooks: ClientHooks): PatchedClient {
  const c = internalsOf(client);
  const orig = { connect: c._connect, doRequest: c._doRequest, destroyConnection: c._destroyConnection };
  const P = parserClassOf(c.parser);
  const base = c.parser; // autocannon sets its callbacks on it before the first connect
  const doRequest = orig.doRequest.bind(c);
  const counts = { started: 0, sent: 0, answered: 0 };
  let gen: ClientSocket | null = null;
  let lastFailed = false;
  const queue = (): QueueEntry[] => c.pipelinedRequests.pendingRequests;
  const finishIfDone = (): void => {
    const max = c.responseMax;
    if (max && counts.started >= max && !c.destroyed && queue().length + waiting.size === 0) c.destroy();
  };

  function onHead(g: ClientSocket, info: HeadInfo): unknown {
    const inFlight = queue().length;
    if (inFlight === 0 || inFlight <= g.writtenInChunk) {
      // an answer to no request, or read before its request was written: nothing more on this socket can be paired
      hooks.unpaired();
      markDead(g, 'unpaired');
      retire(g);
      return void waiting.flush();
    }
    const s = info.statusCode;
    if (s >= 100 && s < 200 && s !== 101) return void (g.informational = true); // the final answer follows
    g.closeAnnounced = !info.shouldKeepAlive;
    return base[P.kOnHeadersComplete]!(info as never);
  }

  function onComplete(g: ClientSocket): void {
    if (g.informational) return void (g.informational = false);
    g.answers++;
    if (g.closeAnnounced) g.closing = true;
    if (!c.destroyed) counts.answered++;
    base[P.kOnMessageComplete]!(); // shifts the queue, emits 'response', starts the next request, judges the body
    if (hooks.run.ending) hooks.settled();
    finishIfDone();
  }

  /** Ends a socket: its parser hears nothing more, and each request queued on it ends in its bucket (or is owed). */
  function retire(g: ClientSocket, cause: Cause = g.cause ?? 'closed'): void {
    if (g.retired) return;
    g.retired = g.dead = true;
    silence(g);
    const entries = queue();
    orig.destroyConnection.call(c); // removes autocannon's listeners, destroys the socket, empties the queue
    lastFailed = g.answers === 0;
    if (g.closing && !c.destroyed) {
      waiting.owe(entries); // the target said it would close: the requests behind that answer get a new try
      if (entries.length > 0) hooks.resent(entries.length);
      return;
    }
    const n = bucketsOf(entries, { connected: g.connected, timeout: cause === 'timeout', stopped: c.destroyed });
    for (const [bucket, k] of Object.entries(n)) if (k > 0) hooks.ended(bucket as keyof typeof n, cause, k);
    if (!c.destroyed) for (let i = 0; i < entries.length; i++) start(); // replaced, as an answer would be
    hooks.settled();
  }

  const sockets: Sockets = {
    live: () => gen !== null && !gen.dead && !gen.closing,
    retire() {
      if (gen === null || gen.retired) return false;
      retire(gen);
      return true;
    },
    open() {
      const connected = (g: ClientSocket): void => void (counts.sent += g.fresh);
      gen = openSocket(c, orig.connect, base, { head: onHead, complete: onComplete, connected });
    },
    get lastFailed() {
      return lastFailed;
    },
    paced: hooks.schedule !== undefined,
    get destroyed() {
      return c.destroyed;
    },
    send() {
      doRequest(); // the next path of the rotation, queued, written, its timer set
      const g = gen!;
      g.writtenInChunk++;
      if (g.connected) counts.sent++;
      else g.fresh++;
    },
    resend(e) {
      e.resent = true; // sent before: it counts as sent once, whatever becomes of this socket
      gen!.writtenInChunk++;
      queue().push(e);
      c.conn.write(e.req.requestBuffer);
      c.timeoutTicker.reschedule(c.timeout);
    },
  };
  const waiting = createWaiting(sockets);

  function write(): void {
    if (hooks.run.ending || c.destroyed) return;
    if (c.responseMax && counts.started >= c.responseMax) return finishIfDone();
    counts.started++;
    waiting.add();
  }
  const start = (): void => (hooks.schedule ? hooks.schedule(client, write) : write());

  c._doRequest = start; // after an answer, autocannon asks for the next request here
  c._connect = () => {
    if (gen === null) {
      sockets.open(); // connects at once, as autocannon does, even when the first request is not due yet
      for (let i = 0; i < c.opts.pipelining; i++) start();
    } else if (gen.dead) {
      retire(gen); // autocannon calls this after an error or a close; the socket's requests end first
      waiting.flush();
    }
  };
  c._destroyConnection = () => {
    if (!c.destroyed) {
      if (gen && queue().length > 0) retire(gen, 'timeout'); // autocannon's timer fired with requests in flight
      return;
    }
    if (gen) retire(gen, 'stopped');
    const { held, owed } = waiting.drop();
    if (held > 0) hooks.ended('not_sent', 'stopped', held);
    if (owed > 0) hooks.ended('failed_after_send', 'stopped', owed);
  };
  return {
    counts,
    pending: () => queue().length + waiting.size,
    end() {
      const dropped = waiting.end();
      if (dropped > 0) hooks.ended('not_sent', 'stopped', dropped);
    },
  };
}
