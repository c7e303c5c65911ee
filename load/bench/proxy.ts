// npm run bench:proxy: the latency the validating proxy adds per exchange. The embedded emulator and the proxy in front
// of it each run in their own process; autocannon sends the same fetches at a steady rate (open loop) straight to the
// emulator and through the proxy, in alternating rounds. Budget: the median of the rounds' added p50 and p99 latency.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { contract } from '../../spec/contract.js';
import { basicAuth } from '../../client/basic-auth.js';
import { create } from '../../emulator/server.js';

const SELF = fileURLToPath(import.meta.url);
/** Added latency allowed per exchange, ms: a second process to wake and a second hop over loopback on a shared
 * 2-core machine, plus forwarding, reading the whole answer and judging it (about 0.2 ms of the proxy's CPU). */
const BUDGET = { p50: 3, p99: 15 };
const RATE = Number(process.env.BENCH_RATE ?? 500);
const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 10;

interface Served {
  url: string;
  auth?: string;
  paths?: string[];
}

/** Child role: the emulator; reports its URL, credentials and the fetch paths of its advertised message. */
async function serveEmulator(): Promise<void> {
  const emu = await create({ port: 0, host: '127.0.0.1' });
  const t = emu.target;
  const params = { ChatServiceSid: t.serviceSid, ConversationSid: t.conversationSid, MessageSid: t.messageSid };
  const { start, size } = emu.store.messages;
  const m = emu.store.target.message;
  const sids = Array.from({ length: Math.min(size[m], 20) }, (_, i) => emu.store.receipts.sids.sid(start[m] + i));
  const paths = sids.map((Sid) => contract.paths.build('fetch', 'service', { ...params, Sid }));
  process.send?.({ url: emu.url, auth: basicAuth(t.accountSid, t.authToken), paths } satisfies Served);
}

/** The validating proxy as a user starts it (`npm run proxy`), in front of a URL; resolves with the URL it prints. */
function startProxy(target: string): Promise<{ proc: ChildProcess; served: Served }> {
  const cli = fileURLToPath(new URL('../../proxy/cli.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', cli, '--target', target, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /validating proxy on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ proc, served: { url } });
    });
    proc.once('exit', (code) => reject(new Error(`the proxy exited (${code}): ${out}`)));
  });
}

/** Starts a child in a role and waits for what it serves. */
function child(role: string): Promise<{ proc: ChildProcess; served: Served }> {
  const proc = fork(SELF, [role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('message', (served: Served) => resolve({ proc, served }));
    proc.once('exit', (code) => reject(new Error(`${role} exited (${code})`)));
  });
}

/** The q-th quantile of sorted numbers. */
const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** One round at the steady rate: each answer's latency (ms, sub-millisecond), p50 and p99; an error fails the bench. */
async function measure(
  url: string,
  auth: string,
  paths: string[],
  seconds: number,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  const opts = {
    url,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: seconds,
    headers: { authorization: auth },
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  };
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    run.on('response', (_client, _status, _bytes, ms: number) => times.push(ms));
  });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/** A child's CPU time so far, ms (Linux /proc: user + system clock ticks of 10 ms); 0 elsewhere. */
function cpuMs(proc: ChildProcess): number {
  try {
    const fields = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const ms = (x: number): string => `${x.toFixed(2)} ms`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const emu = await child('serve-emulator');
  const proxy = await startProxy(emu.served.url).catch((e: unknown) => {
    emu.proc.kill();
    throw e;
  });
  const { auth = '', paths = [] } = emu.served;
  const sides = {
    direct: () => measure(emu.served.url, auth, paths, DURATION),
    proxy: () => measure(proxy.served.url, auth, paths, DURATION),
  };
  try {
    console.log(
      `bench:proxy: ${ROUNDS} alternating rounds of ${DURATION} s per side at ${RATE} requests/s (open loop), ` +
        `${CONNECTIONS} connections, fetches of ${paths.length} receipts; emulator and proxy in their own processes`,
    );
    await sides.direct(); // warm-up, both sides (JIT, connections, the judge's caches)
    await sides.proxy();
    const added = { p50: [] as number[], p99: [] as number[] };
    const cpu: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const first = i % 2 === 0 ? await sides.direct() : null;
      const before = cpuMs(proxy.proc);
      const p = await sides.proxy();
      cpu.push(((cpuMs(proxy.proc) - before) * 1000) / (RATE * DURATION));
      const d = first ?? (await sides.direct());
      added.p50.push(p.p50 - d.p50);
      added.p99.push(p.p99 - d.p99);
      console.log(
        `round ${i + 1}: straight p50 ${ms(d.p50)} p99 ${ms(d.p99)} | through the proxy p50 ${ms(p.p50)} p99 ${ms(p.p99)}`,
      );
    }
    console.log(`the proxy's CPU per exchange: ${median(cpu).toFixed(0)} µs (median; /proc, 10 ms ticks)`);
    const lines = (['p50', 'p99'] as const).map((q) => {
      const m = median(added[q]);
      return {
        ok: m <= BUDGET[q],
        line: `latency the proxy adds at ${q}: ${m.toFixed(2)} ms (budget <= ${BUDGET[q]} ms)`,
      };
    });
    for (const l of lines) console.log(`${l.ok ? '✓' : '✗'} ${l.line}`);
    process.exitCode = lines.every((l) => l.ok) ? 0 : 1;
  } finally {
    emu.proc.kill();
    proxy.proc.kill('SIGKILL'); // no summary to write: the bench reads only the latencies
  }
}

const role = process.argv[2];
if (role === 'serve-emulator') await serveEmulator();
else await main();
