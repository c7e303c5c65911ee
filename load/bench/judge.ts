// npm run bench:judge: µs per judged answer, the load tool's judge (the whole check registry, request-aware, with a
// secret to redact) side by side in one run with a baseline doing the least any judge must do on the same bytes:
// JSON.parse and the spec's compiled Ajv validator. A fetch answer and a 50-item page, each valid and broken (a status
// outside the enum, and the auth token leaked into a field, so the verdict must be redacted). Budget: <= 2x.
import { contract, type SchemaName } from '../../spec/contract.js';
import { create } from '../../emulator/server.js';
import { basicAuth } from '../../client/basic-auth.js';
import { createAnswerJudge, type JudgedAnswer } from '../measure/answer-judge.js';

const BUDGET = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** Wall time per side per round, ms: long enough for the JIT to settle, short enough for 7 rounds of 6 cases. */
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 300);

type Json = Record<string, unknown>;

interface Case {
  name: string;
  operation: 'fetch' | 'list';
  path: string;
  body: string;
  schema: SchemaName;
  /** Violation lines the judge must give: 0 for a valid answer, at least 1 for a broken one. */
  broken: boolean;
}

/** The fetch answer and a full page, as the embedded emulator serves them, then each broken in a copy. */
async function cases(): Promise<{ list: Case[]; judgeOf: (c: Case) => (a: JudgedAnswer, b: string) => string[] }> {
  const emu = await create({ port: 0 });
  try {
    const t = emu.target;
    const params = { ChatServiceSid: t.serviceSid, ConversationSid: t.conversationSid, MessageSid: t.messageSid };
    const headers = { authorization: basicAuth(t.accountSid, t.authToken) };
    const get = async (path: string): Promise<string> => (await fetch(emu.url + path, { headers })).text();
    const listPath = `${contract.paths.build('list', 'service', params)}?PageSize=${contract.paging.pageSize.max}`;
    const page = await get(listPath);
    const first = (JSON.parse(page) as Record<string, { sid: string }[]>)[contract.paging.listKey][0].sid;
    const fetchPath = contract.paths.build('fetch', 'service', { ...params, Sid: first });
    const one = await get(fetchPath);
    // broken: a status outside the enum and a channel SID of the wrong shape; leaking: the token is that channel SID
    const spoil = (body: string, at: (json: Json) => Json, channel: string): string => {
      const json = JSON.parse(body) as Json;
      Object.assign(at(json), { status: 'seen', channel_message_sid: channel });
      return JSON.stringify(json);
    };
    const item = (json: Json): Json => (json[contract.paging.listKey] as Json[])[7];
    const shapes = [
      { operation: 'fetch', label: 'fetch', path: fetchPath, body: one, schema: 'ServiceReceipt', at: (j: Json) => j },
      { operation: 'list', label: 'list 50', path: listPath, body: page, schema: 'ServiceReceiptPage', at: item },
    ] as const;
    const list: Case[] = shapes.flatMap(({ label, at, body, ...c }) => [
      { ...c, name: `${label}, valid`, body, broken: false },
      { ...c, name: `${label}, broken`, body: spoil(body, at, 'SMnot-a-sid'), broken: true },
      { ...c, name: `${label}, leaks token`, body: spoil(body, at, t.authToken), broken: true },
    ]);
    const secret = { accountSid: t.accountSid, authToken: t.authToken };
    const judgeOf = (c: Case) =>
      createAnswerJudge({ operation: c.operation, publicUrl: emu.publicUrl, accountSid: t.accountSid, secret });
    return { list, judgeOf };
  } finally {
    await emu.stop();
  }
}

/** Calls fn n times; ns taken. */
function batch(fn: () => unknown, n: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start);
}

/**
 * One round: both sides in batches of about a millisecond, interleaved (whichever went second last time goes first),
 * for about SLICE_MS each; µs per call of each. Interleaving puts both under the same load of a shared machine.
 */
function round(base: () => unknown, ours: () => unknown): { base: number; ours: number } {
  const n = Math.max(1, Math.round(1e6 / Math.max(1, batch(base, 20) / 20)));
  const t = { base: 0, ours: 0 };
  let calls = 0;
  for (let turn = 0; t.base + t.ours < 2 * SLICE_MS * 1e6; turn++) {
    if (turn % 2 === 0) t.base += batch(base, n);
    t.ours += batch(ours, n);
    if (turn % 2 === 1) t.base += batch(base, n);
    calls += n;
  }
  return { base: t.base / 1e3 / calls, ours: t.ours / 1e3 / calls };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { list, judgeOf } = await cases();
console.log(
  `bench:judge: ${ROUNDS} rounds of ${SLICE_MS} ms per side, both sides interleaved in ~1 ms batches; medians; ` +
    `one process, one core`,
);
const lines: string[] = [];
let failed = false;
for (const c of list) {
  const judge = judgeOf(c);
  const answer = (): JudgedAnswer => ({ path: c.path, status: 200, headers: { 'content-type': 'application/json' } });
  const verdict = judge(answer(), c.body);
  if (process.env.BENCH_SHOW) console.log(verdict.join('\n'));
  if (verdict.length > 0 !== c.broken) throw new Error(`${c.name}: the judge gave ${verdict.length} line(s)`);
  if (c.name.includes('leaks') && !verdict.some((l) => l.includes('[redacted]')))
    throw new Error(`${c.name}: the token was not redacted`);
  const validate = contract.validator(c.schema);
  const base = (): boolean => validate(JSON.parse(c.body));
  const ours = (): string[] => judge(answer(), c.body);
  round(base, ours); // warm-up
  const b: number[] = [],
    o: number[] = [],
    r: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const m = round(base, ours);
    b.push(m.base);
    o.push(m.ours);
    r.push(m.ours / m.base);
  }
  const ratio = median(r);
  const ok = ratio <= BUDGET;
  failed ||= !ok;
  console.log(
    `${c.name.padEnd(16)} ${String(c.body.length).padStart(6)} B | baseline (JSON.parse + Ajv) ${median(b).toFixed(1)} µs` +
      ` | judge (registry, request-aware, redacting) ${median(o).toFixed(1)} µs | ${verdict.length} violation line(s)`,
  );
  lines.push(`${ok ? '✓' : '✗'} ${c.name}: judge/baseline ${ratio.toFixed(2)}x (budget <= ${BUDGET}x)`);
}
for (const line of lines) console.log(line);
process.exit(failed ? 1 : 0);
