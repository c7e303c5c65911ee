import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A TCP front before a target, killed after its Nth request: connections reset, its port refusing, back later. */
export interface RestartingFront {
  url: string;
  /** Requests forwarded (GETs without bodies: one per blank line), and answers relayed back. */
  readonly requests: number;
  readonly answers: number;
  /** Requests forwarded but not answered when the front died (each met a reset), or null if it never died. */
  readonly inFlightAtKill: number | null;
  stop(): void;
}

/** Counts occurrences of a marker in a chunk (a request's end, or an answer's status line). */
const count = (d: Buffer, marker: string): number => d.toString('latin1').split(marker).length - 1;

/** Starts a front on loopback before `upstreamPort`; after its `killAfter`th request it dies for `downMs`. */
export async function createRestartingFront(
  upstreamPort: number,
  o: { killAfter: number; downMs: number },
): Promise<RestartingFront> {
  const sockets = new Set<Socket>();
  let [requests, answers, port, stopped] = [0, 0, 0, false];
  let inFlightAtKill: number | null = null;
  let server: Server;
  const kill = (): void => {
    server.close();
    for (const s of sockets) s.resetAndDestroy();
    sockets.clear();
  };
  const pipe = (client: Socket): void => {
    const up = connect(upstreamPort, '127.0.0.1');
    for (const [s, other] of [
      [client, up],
      [up, client],
    ]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        other.destroy();
      });
    }
    up.on('data', (d: Buffer) => {
      answers += count(d, 'HTTP/1.1 ');
      client.write(d);
    });
    client.on('data', (d: Buffer) => {
      requests += count(d, '\r\n\r\n');
      up.write(d);
      if (requests < o.killAfter || inFlightAtKill !== null) return;
      inFlightAtKill = requests - answers;
      kill();
      setTimeout(() => void (stopped || listen()), o.downMs);
    });
  };
  const listen = (): Promise<void> =>
    new Promise((resolve) => {
      server = createServer(pipe).listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get answers() {
      return answers;
    },
    get inFlightAtKill() {
      return inFlightAtKill;
    },
    stop() {
      stopped = true;
      kill();
    },
  };
}
