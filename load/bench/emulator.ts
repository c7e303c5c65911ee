// npm run bench:emulator: emulator vs a bare node:http server answering a constant body of the same size, side by side.
// Each server runs in its own child process; autocannon drives one at a time from this process.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { contract } from '../../spec/contract.js';
import { create } from '../../emulator/server.js';

const SELF = fileURLToPath(import.meta.url);
/** Enough receipts that the target message fills a page of the maximum size. */
const DATASET = { receipts: 20_000, seed: 7 };
const TARGETS = { fetch: 0.85, list: 0.5 };
const DURATION = Number(process.env.BENCH_DURATION ?? 3);
/** Interleaved rounds per endpoint; the median ratio is reported, so one noisy round (a shared machine) cannot decide. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Served { url: string; fetchPath?: string; listPath?: string; auth?: string }

/** Child role: the emulator on a synthetic data set; reports its URL, paths and credentials. */
async function serveEmulator(): Promise<void> {
  const emu = await create({ port: 0, dataset: DATASET });
  const t = emu.target;
  const params = { ChatServiceSid: t.serviceSid, ConversationSid: t.conversationSid, MessageSid: t.messageSid };
  const first = emu.store.receipts.sids.sid(emu.store.messages.start[emu.store.target.message]);
  const served: Served = {
    url: emu.url, auth: 'Basic ' + Buffer.from(`${t.accountSid}:${t.authToken}`).toString('base64'),
    fetchPath: contract.buildPath('fetch', 'service', { ...params, Sid: first }),
    listPath: contract.buildPath('list', 'service', params) + `?PageSize=${contract.pageSize.max}`,
  };
  process.send?.(served);
}

/** Child role: a bare node:http server answering constant bodies (sizes given by the parent). */
function serveBare(): void {
  process.once('message', (m: { fetch: string; list: string }) => {
    const fetchBody = Buffer.from(m.fetch), listBody = Buffer.from(m.list);
    const server = createServer((req, res) => {
      const body = req.url?.startsWith('/list') ? listBody : fetchBody;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
    });
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      process.send?.({ url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    });
  });
}

/** Starts a child in a role and waits for what it serves. */
function child(role: string, init?: unknown): Promise<{ proc: ChildProcess; served: Served }> {
  const proc = fork(SELF, [role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (init) proc.send(init as object);
  return new Promise((resolve, reject) => {
    proc.once('message', (served: Served) => resolve({ proc, served }));
    proc.once('exit', (code) => reject(new Error(`${role} server exited (${code})`)));
  });
}

/** Requests per second that autocannon measures against one URL (non-2xx answers fail the run). */
async function measure(url: string, auth: string | undefined, duration: number): Promise<number> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers: auth ? { authorization: auth } : {} });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r.requests.average;
}

/** The median of a few numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const emu = await child('serve-emulator');
  const e = emu.served;
  const body = async (path: string): Promise<string> => (await fetch(e.url + path, { headers: { authorization: e.auth ?? '' } })).text();
  const [fetchBody, listBody] = [await body(e.fetchPath ?? ''), await body(e.listPath ?? '')];
  const bare = await child('serve-bare', { fetch: fetchBody, list: listBody });
  const rows: string[] = [];
  let failed = false;
  try {
    for (const [name, path, bytes] of [['fetch', e.fetchPath, fetchBody.length], ['list', e.listPath, listBody.length]] as const) {
      await measure(bare.served.url + `/${name}`, undefined, 1); // warm-up, both sides
      await measure(e.url + path, e.auth, 1);
      const b: number[] = [], m: number[] = [], ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        b.push(await measure(bare.served.url + `/${name}`, undefined, DURATION));
        m.push(await measure(e.url + path, e.auth, DURATION));
        ratios.push(m[round] / b[round]);
      }
      const [bareRps, emuRps, ratio] = [b, m, ratios].map(median);
      const ok = ratio >= TARGETS[name];
      failed ||= !ok;
      rows.push(`${ok ? '✓' : '✗'} ${name.padEnd(5)} ${String(bytes).padStart(6)} B  bare ${bareRps.toFixed(0).padStart(6)} req/s  emulator ${emuRps.toFixed(0).padStart(6)} req/s  ratio ${ratio.toFixed(2)}x (target >= ${TARGETS[name]}x)`);
    }
  } finally {
    emu.proc.kill();
    bare.proc.kill();
  }
  console.log(`bench:emulator  ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION} s per side, medians, list = ${contract.pageSize.max} items\n${rows.join('\n')}`);
  process.exitCode = failed ? 1 : 0;
}

const role = process.argv[2];
if (role === 'serve-emulator') await serveEmulator();
else if (role === 'serve-bare') serveBare();
else await main();
