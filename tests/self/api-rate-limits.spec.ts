// The client against rate-limited loopback servers: correct ones it must never fail (a share of 429s for the whole
// run, Retry-After: 5, a concurrency cap of 2, a stretch of 429s shorter than the patience), and ones that never serve,
// which it must end quickly with one line naming the limit and the setting that moves it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { Api, defaultLimits, type ApiLimits } from '../../client/api.js';
import { freezeTarget } from '../../client/settings.js';
import { SHARED_VERDICT_EVERY_MS } from '../../client/rate-patience.js';
import { sidOf } from './exchanges.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
const TOO_MANY = JSON.stringify(contract.errors.example(429));
const json = { 'content-type': 'application/json' };

/** A 429 as Twilio writes it, with a Retry-After (or none). */
const tooMany = (res: ServerResponse, retryAfter?: string): void =>
  void res
    .writeHead(429, { ...json, ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }) })
    .end(TOO_MANY);

/** A loopback server answering by a handler (n: the request's number from 1); counts requests and 429s sent. */
async function serve(
  handler: Handler,
): Promise<{ server: Server; api: (l?: Partial<ApiLimits>) => Api; hits: () => number }> {
  let n = 0;
  const server = createServer((req, res) => handler(req, res, ++n));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const target = freezeTarget({
    ...{ url, publicUrl: url, accountSid: sidOf('account_sid', 'a'), authToken: 'c0ffee'.repeat(6) },
    ...{ serviceSid: sidOf('chat_service_sid', 'b'), conversationSid: 'c', messageSid: sidOf('message_sid', 'd') },
  });
  const api = (l: Partial<ApiLimits> = {}) => new Api(target, sidOf('account_sid', 'e'), { ...defaultLimits, ...l });
  return { server, api, hits: () => n };
}

/** Sends `count` distinct GETs at once and returns their final statuses and errors. */
async function many(api: Api, count: number): Promise<{ statuses: number[]; errors: string[]; throttled: number }> {
  const all = await Promise.all(Array.from({ length: count }, (_, i) => api.get(`/r/${i}`)));
  return {
    statuses: all.map((e) => e.response.status),
    errors: [...new Set(all.flatMap((e) => (e.response.error ? [e.response.error] : [])))],
    throttled: all.reduce((k, e) => k + (e.throttled?.length ?? 0), 0),
  };
}

let open: Server[] = [];
test.afterEach(async () => {
  for (const s of open) s.closeAllConnections();
  await Promise.all(open.map((s) => new Promise((r) => s.close(r))));
  open = [];
});

test.describe('correct servers near their limits are served to the end', () => {
  test('one request in four answered 429 (Retry-After: 1) for the whole run: every request is served', async () => {
    test.setTimeout(60_000); // a safety net for honest waiting, not a speed bar
    const { server, api, hits } = await serve((_req, res, n) =>
      n % 4 === 0 ? tooMany(res, '1') : res.writeHead(200, json).end('{}'),
    );
    open.push(server);
    const run = await many(api(), 24);
    expect(run.errors).toEqual([]);
    expect(run.statuses).toEqual(Array(24).fill(200));
    // every 429 the server sent came back to be judged; a quarter of the sends refused, the rest served
    expect(run.throttled).toBe(Math.floor(hits() / 4));
    expect(hits() - run.throttled).toBe(24);
  });

  test('Retry-After: 5 is waited out in full (longer than the own backoff), and every request served', async () => {
    test.setTimeout(60_000);
    // refuses each URL first, and again any retry sent before the 5 s it asked for: only a patient client gets through
    const refusedAt = new Map<string, number>();
    const { server, api } = await serve((req, res) => {
      const at = refusedAt.get(req.url ?? '');
      if (at !== undefined && Date.now() - at >= 5_000) return void res.writeHead(200, json).end('{}');
      refusedAt.set(req.url ?? '', Date.now());
      tooMany(res, '5');
    });
    open.push(server);
    const run = await many(api({ maxBackoffMs: 50 }), 4);
    expect(run.statuses).toEqual([200, 200, 200, 200]);
    expect(run.throttled, 'one 429 each: no retry came early').toBe(4);
  });

  test('a concurrency cap of 2: the client lowers its requests in flight, and every request is served', async () => {
    let inFlight = 0;
    const { server, api } = await serve((_req, res) => {
      if (inFlight >= 2) return tooMany(res, '0');
      inFlight++;
      setTimeout(() => (inFlight--, res.writeHead(200, json).end('{}')), 20); // held, so that requests overlap
    });
    open.push(server);
    const client = api();
    const run = await many(client, 30);
    expect(run.statuses).toEqual(Array(30).fill(200));
    expect(run.throttled, 'the cap was met').toBeGreaterThan(0);
    // at 4 in flight two of every four sends would be refused (15 or more for 30 requests): the client came down
    expect(run.throttled).toBeLessThan(15);
    expect(client.inFlightLimit, 'the limit it settled on').toBeLessThan(defaultLimits.maxInFlight);
  });

  test('a stretch of 429s shorter than CONTRACT_RATE_PATIENCE is waited out, and the request served', async () => {
    const { server, api } = await serve((_req, res, n) =>
      n <= 3 ? tooMany(res, '0') : res.writeHead(200, json).end('{}'),
    );
    open.push(server);
    const ex = await api({ patienceMs: 5_000 }).get('/r');
    expect(ex.response.status).toBe(200);
    expect(ex.throttled).toHaveLength(3);
  });
});

test.describe('a target that never serves ends fast, naming the limit and its setting', () => {
  test('429 forever without Retry-After: the patience ends it, and later requests fail at once', async () => {
    const { server, api, hits } = await serve((_req, res) => tooMany(res));
    open.push(server);
    const client = api({ patienceMs: 1_000, maxBackoffMs: 100 });
    const first = await client.get('/r');
    expect(first.response.error).toMatch(
      /^not retried: the target answered 429 for \d+(\.\d)? s with no answer served \(CONTRACT_RATE_PATIENCE=1 s\): it is rate-limiting and serving nothing; the remaining requests fail at once$/,
    );
    const sent = hits();
    expect(sent).toBeLessThan(20); // backed off, never hammered
    const later = await many(client, 10);
    expect(later.errors).toEqual([first.response.error?.replace(/^not retried/, 'not sent')]);
    expect(hits()).toBe(sent);
  });

  test('a verdict reached in one worker reaches a fresh one through the state file: it sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rate-state-'));
    try {
      const { server, api, hits } = await serve((_req, res) => tooMany(res, '999999'));
      open.push(server);
      const rateStateFile = join(dir, 'verdict');
      await api({ rateStateFile }).get('/r');
      const fresh = await api({ rateStateFile }).get('/r');
      expect(fresh.response.error).toMatch(
        /^not sent: the target asked to wait 999999 s after a 429, longer than CONTRACT_RATE_PATIENCE=30 s allows/,
      );
      expect(hits()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a verdict another worker reaches later is seen by a busy client within SHARED_VERDICT_EVERY_MS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rate-state-'));
    try {
      const { server, api, hits } = await serve((_req, res) => void res.writeHead(200, json).end('{}'));
      open.push(server);
      const rateStateFile = join(dir, 'verdict');
      const busy = api({ rateStateFile });
      expect((await busy.get('/r')).response.status).toBe(200); // looked for the file: none yet
      writeFileSync(rateStateFile, 'the other worker found the target serving nothing');
      await new Promise((r) => setTimeout(r, SHARED_VERDICT_EVERY_MS + 20));
      expect((await busy.get('/r')).response.error).toBe('not sent: the other worker found the target serving nothing');
      expect(hits()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a wait that would pass CONTRACT_DEADLINE is not waited, and nothing is sent after the deadline', async () => {
    const { server, api, hits } = await serve((_req, res) => tooMany(res, '2'));
    open.push(server);
    const client = api({ deadlineAt: Date.now() + 1_000 });
    const first = await client.get('/r');
    expect(first.response.error).toBe(
      "not retried: the wait of 2 s after a 429 would end past the run's deadline (CONTRACT_DEADLINE)",
    );
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await client.get('/r')).response.error).toBe('not sent: the run is past its deadline (CONTRACT_DEADLINE)');
    expect(hits()).toBe(1);
  });
});
