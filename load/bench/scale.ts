// npm run bench:scale: start-up time, memory per receipt, fetch cost and page 0 vs deep page cost at 10k, 100k and 1M receipts.
// Each size runs in a fresh child process (so memory is its own); caches are off, so every answer is built from the columns.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { contract } from '../../spec/contract.js';
import { basicAuth } from '../../client/basic-auth.js';
import { create } from '../../emulator/server.js';

const SELF = fileURLToPath(import.meta.url);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_DURATION ?? 2);
/** Interleaved page 0 / deep page rounds; the median ratio is reported (the machine is shared and noisy). */
const ROUNDS = 3;
const TARGETS = { bytesPerReceipt: 150, startMs: 2000, deepRatio: 1.5 };

interface Report {
  n: number;
  startMs: number;
  bytes: number;
  heapBytes: number;
  url: string;
  auth: string;
  fetch: string[];
  page0: string;
  deep: string;
  pages: number;
}

/** A small data set started first, so that the baseline holds the code, the contract and the seed, not only the runtime. */
const BASELINE_RECEIPTS = 1_000;

/** Child role: builds an emulator of n receipts and reports start time, memory beyond baseline and paths to measure. */
async function serve(n: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  await (await create({ port: 0, dataset: { receipts: BASELINE_RECEIPTS, seed: 8 }, cache: false })).stop();
  gc();
  const base = process.memoryUsage();
  const t0 = performance.now();
  const emu = await create({ port: 0, dataset: { receipts: n, seed: 7 }, cache: false });
  const startMs = performance.now() - t0;
  gc();
  const after = process.memoryUsage();
  const bytes = after.rss - base.rss;
  const heapBytes = after.heapUsed + after.arrayBuffers - base.heapUsed - base.arrayBuffers;
  const { store, target: t } = emu;
  const fetch: string[] = [];
  for (let k = 0; fetch.length < 200 && k < 100_000; k++) {
    const i = Math.floor((((k * 2654435761) % 2 ** 32) / 2 ** 32) * n); // spread over the whole set
    const c = store.messages.conv[store.receipts.msg[i]];
    const s = store.services[store.conversations.service[c]];
    if (s.account !== store.target.account) continue;
    fetch.push(
      contract.paths.build('fetch', s.isDefault ? 'default' : 'service', {
        ChatServiceSid: s.sid,
        ConversationSid: store.conversations.sids.sid(c),
        MessageSid: store.messages.sids.sid(store.receipts.msg[i]),
        Sid: store.receipts.sids.sid(i),
      }),
    );
  }
  const list = contract.paths.build('list', 'service', {
    ChatServiceSid: t.serviceSid,
    ConversationSid: t.conversationSid,
    MessageSid: t.messageSid,
  });
  const size = contract.paging.pageSize.max;
  const pages = Math.ceil(store.messages.size[store.target.message] / size);
  const auth = basicAuth(t.accountSid, t.authToken);
  const report: Report = {
    n,
    startMs,
    bytes,
    heapBytes,
    url: emu.url,
    auth,
    fetch,
    page0: `${list}?PageSize=${size}&Page=0`,
    deep: `${list}?PageSize=${size}&Page=${pages - 1}`,
    pages,
  };
  process.send?.(report);
}

/** The median of a few numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Requests per second over one connection (so 1e6 / rps is the mean time per answer, in µs). */
async function rps(r: Report, paths: string[]): Promise<number> {
  const res = await autocannon({
    url: r.url,
    connections: 1,
    duration: DURATION,
    headers: { authorization: r.auth },
    requests: paths.map((path) => ({ path })),
  });
  if (res.non2xx || res.errors) throw new Error(`${paths[0]}: ${res.non2xx} non-2xx, ${res.errors} errors`);
  return res.requests.average;
}

/** Measures one size in a fresh child process. */
async function measureSize(n: number): Promise<Record<string, number>> {
  const child = fork(SELF, ['serve', String(n)], {
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const r = await new Promise<Report>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
    });
    await rps(r, [r.page0]); // warm-up
    const fetchRps = await rps(r, r.fetch);
    const page0: number[] = [],
      deep: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      page0.push(1e6 / (await rps(r, [r.page0])));
      deep.push(1e6 / (await rps(r, [r.deep])));
    } // interleaved
    const deepRatio = median(deep.map((d, i) => d / page0[i]));
    return {
      n,
      startMs: r.startMs,
      bytesPerReceipt: r.bytes / n,
      heapPerReceipt: r.heapBytes / n,
      fetchUs: 1e6 / fetchRps,
      page0Us: median(page0),
      deepUs: median(deep),
      deepRatio,
      pages: r.pages,
    };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const rows: Record<string, number>[] = [];
  for (const n of SIZES) rows.push(await measureSize(n));
  const first = rows[0];
  console.log(
    `bench:scale  synthetic seed 7, caches off, 1 connection, ${DURATION} s per measurement; baseline: a process that already served ${BASELINE_RECEIPTS} receipts\n`,
  );
  console.log(
    '| receipts | start-up | RSS beyond baseline | RSS bytes/receipt | heap+buffers bytes/receipt | fetch (mean) | page 0 (50 items) | deep page | deep / page 0 | growth vs first row: start, fetch, page 0 |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.n.toLocaleString('en')} | ${r.startMs.toFixed(0)} ms | ${((r.bytesPerReceipt * r.n) / 2 ** 20).toFixed(1)} MiB | ${r.bytesPerReceipt.toFixed(0)} B | ${r.heapPerReceipt.toFixed(0)} B | ${r.fetchUs.toFixed(0)} µs | ${r.page0Us.toFixed(0)} µs | ${r.deepUs.toFixed(0)} µs (page ${r.pages - 1}) | ${r.deepRatio.toFixed(2)}x | ${(r.startMs / first.startMs).toFixed(1)}x, ${(r.fetchUs / first.fetchUs).toFixed(2)}x, ${(r.page0Us / first.page0Us).toFixed(2)}x |`,
    );
  }
  // memory is judged at the largest size: at small sizes the fixed costs and RSS noise dominate the per-receipt figure
  const last = rows[rows.length - 1];
  const verdicts: [string, boolean][] = [
    [
      `RSS < ${TARGETS.bytesPerReceipt} B/receipt at ${last.n.toLocaleString('en')}: ${last.bytesPerReceipt.toFixed(0)} B`,
      last.bytesPerReceipt < TARGETS.bytesPerReceipt,
    ],
    [
      `start-up < ${TARGETS.startMs} ms at ${last.n.toLocaleString('en')}: ${last.startMs.toFixed(0)} ms`,
      last.startMs < TARGETS.startMs,
    ],
    ...rows.map((r): [string, boolean] => [
      `deep page <= ${TARGETS.deepRatio}x page 0 at ${r.n.toLocaleString('en')}: ${r.deepRatio.toFixed(2)}x`,
      r.deepRatio <= TARGETS.deepRatio,
    ]),
  ];
  console.log('');
  for (const [text, ok] of verdicts) console.log(`${ok ? '✓' : '✗'} ${text}`);
  const failed = verdicts.some(([, ok]) => !ok);
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[2] === 'serve') await serve(Number(process.argv[3]));
else await main();
