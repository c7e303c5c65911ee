import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Target } from '../../client/settings.js';
import { createStub } from './load-stub.js';

/** A target that turns slow: the proxy's origin, the TARGET_* values that reach it, its request count, and stop. */
export interface SlowAfter {
  url: string;
  /** Reaches the proxy; links in its answers name the healthy stub behind it (TARGET_PUBLIC_URL). */
  target: Target;
  readonly requests: number;
  stop(): Promise<void>;
}

/** A proxy before a healthy stub: the first `fast` requests are answered at once, every later one `delayMs` late. */
export async function createSlowAfter(fast: number, delayMs: number): Promise<SlowAfter> {
  const upstream = await createStub('ok');
  const agent = new Agent({ keepAlive: true });
  let requests = 0;
  const server = createServer((req, res) => {
    const forward = (): void => {
      if (res.destroyed) return; // the load tool closed the connection while it waited
      const up = request(upstream.url + req.url, { headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end();
    };
    if (++requests <= fast) forward();
    else setTimeout(forward, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    target: { ...upstream.target, authToken: upstream.target.authToken, url, publicUrl: upstream.url },
    get requests() {
      return requests;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      agent.destroy();
      await upstream.stop();
    },
  };
}
