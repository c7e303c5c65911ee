// npm run bench:emulator: emulator vs a bare node:http server answering a constant body of the same size, side by side.
// Each server runs in its own child process; autocannon drives one at a time from this process, in alternating rounds.
// Two measures per round: throughput (req/s) and the server's CPU time per request. On a shared machine throughput
// swings with other work; CPU time per request is the server's own cost, so its ratio is the capacity ratio the gate uses.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { contract } from '../../spec/contract.js';
import { basicAuth } from '../../client/basic-auth.js';
import { create } from '../../emulator/server.js';

const SELF = fileURLToPath(import.meta.url);
/** Enough receipts that the target message fills a page of the maximum size. */
const DATASET = { receipts: 20_000, seed: 7 };
const TARGETS = { fetch: 0.85, list: 0.5 };
const DURATION = Number(process.env.BENCH_DURATION ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Served {
  url: string;
  fetchPath?: string;
  listPath?: string;
  auth?: string;
}
/** Both sides get the very same requests (path and Authorization header): only the answering differs. */
interface Side {
  proc: ChildProcess;
  url: string;
  auth?: string;
}

/** Child side of the CPU probe: answers each 'cpu' message with the process's CPU time so far (µs). */
function answerCpu(): void {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ cpu: u.user + u.system });
    }
  });
}

/** Child role: the emulator on a synthetic data set; reports its URL, paths and credentials. */
async function serveEmulator(): Promise<void> {
  const emu = await create({ port: 0, dataset: DATASET });
  const t = emu.target;
  const params = { ChatServiceSid: t.serviceSid, ConversationSid: t.conversationSid, MessageSid: t.messageSid };
  const first = emu.store.receipts.sids.sid(emu.store.messages.start[emu.store.target.message]);
  answerCpu();
  process.send?.({
    url: emu.url,
    auth: basicAuth(t.accountSid, t.authToken),
    fetchPath: contract.paths.build('fetch', 'service', { ...params, Sid: first }),
    listPath: contract.paths.build('list', 'service', params) + `?PageSize=${contract.paging.pageSize.max}`,
  } satisfies Served);
}

/** Child role: a bare node:http server answering constant bodies (given by the parent): a query means the list. */
function serveBare(): void {
  process.once('message', (m: { fetch: string; list: string }) => {
    const fetchBody = Buffer.from(m.fetch),
      listBody = Buffer.from(m.list);
    const server = createServer((req, res) => {
      const body = req.url?.includes('?') ? listBody : fetchBody;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
    });
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      answerCpu();
      process.send?.({ url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` } satisfies Served);
    });
  });
}

/** Starts a child in a role and waits for what it serves. */
function child(role: string, init?: object): Promise<{ proc: ChildProcess; served: Served }> {
  const proc = fork(SELF, [role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (init) proc.send(init);
  return new Promise((resolve, reject) => {
    proc.once('message', (served: Served) => resolve({ proc, served }));
    proc.once('exit', (code) => reject(new Error(`${role} server exited (${code})`)));
  });
}

/** A child's CPU time so far, in µs. */
function cpuOf(proc: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    proc.once('message', (m: { cpu: number }) => resolve(m.cpu));
    proc.send('cpu');
  });
}

/** One run against one side: requests per second and server CPU µs per request (non-2xx answers fail the bench). */
async function measure(side: Side, path: string, duration: number): Promise<{ rps: number; cpu: number }> {
  const before = await cpuOf(side.proc);
  const r = await autocannon({
    url: side.url + path,
    connections: CONNECTIONS,
    duration,
    headers: side.auth ? { authorization: side.auth } : {},
  });
  const cpu = (await cpuOf(side.proc)) - before;
  if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { rps: r.requests.average, cpu: cpu / Math.max(1, r.requests.total) };
}

/** The median of a few numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Alternating rounds (bare first, then emulator first) for one endpoint; one printed line with the verdict. */
async function compare(
  name: 'fetch' | 'list',
  bare: Side,
  emu: Side,
  path: string,
  bytes: number,
): Promise<{ line: string; ok: boolean }> {
  await measure(bare, path, 1); // warm-up, both sides
  await measure(emu, path, 1);
  const rps: number[] = [],
    cpu: number[] = [],
    b: number[] = [],
    m: number[] = [],
    bc: number[] = [],
    mc: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 === 0;
    const x = first ? await measure(bare, path, DURATION) : null;
    const y = await measure(emu, path, DURATION);
    const z = x ?? (await measure(bare, path, DURATION));
    b.push(z.rps);
    m.push(y.rps);
    bc.push(z.cpu);
    mc.push(y.cpu);
    rps.push(y.rps / z.rps);
    cpu.push(z.cpu / y.cpu);
  }
  const [tput, capacity] = [median(rps), median(cpu)];
  const ok = capacity >= TARGETS[name];
  const line = `${ok ? '✓' : '✗'} ${name.padEnd(5)} ${String(bytes).padStart(6)} B | bare ${median(b).toFixed(0)} req/s, ${median(bc).toFixed(1)} µs CPU/req | emulator ${median(m).toFixed(0)} req/s, ${median(mc).toFixed(1)} µs CPU/req | throughput ratio ${tput.toFixed(2)}x | capacity ratio (CPU) ${capacity.toFixed(2)}x (target >= ${TARGETS[name]}x)`;
  return { line, ok };
}

async function main(): Promise<void> {
  const emu = await child('serve-emulator');
  const e = emu.served;
  const body = async (path: string): Promise<string> =>
    (await fetch(e.url + path, { headers: { authorization: e.auth ?? '' } })).text();
  const [fetchBody, listBody] = [await body(e.fetchPath ?? ''), await body(e.listPath ?? '')];
  const bare = await child('serve-bare', { fetch: fetchBody, list: listBody });
  const emuSide: Side = { proc: emu.proc, url: e.url, auth: e.auth },
    bareSide: Side = { proc: bare.proc, url: bare.served.url, auth: e.auth };
  try {
    const rows = [
      await compare('fetch', bareSide, emuSide, e.fetchPath ?? '', fetchBody.length),
      await compare('list', bareSide, emuSide, e.listPath ?? '', listBody.length),
    ];
    console.log(
      `bench:emulator  ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per side, medians, list = ${contract.paging.pageSize.max} items`,
    );
    for (const r of rows) console.log(r.line);
    process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
  } finally {
    emu.proc.kill();
    bare.proc.kill();
  }
}

const role = process.argv[2];
if (role === 'serve-emulator') await serveEmulator();
else if (role === 'serve-bare') serveBare();
else await main();
