// Hostile input, property-based (fast-check): every answer is a Twilio-shaped 4xx JSON error or a valid 200 of the caller's
// own data; never a 5xx, a crash, a hang or another tenant's receipt. Fixed seed and bounded runs in `npm test`;
// run longer with EMULATOR_FUZZ_RUNS=20000 (and another EMULATOR_FUZZ_SEED) npx playwright test tests/self/emulator-hostile.
import { test, expect } from '../../fixtures/test.js';
import fc from 'fast-check';
import { contract, type SidField } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { basic, send, targetList } from './emulator-http.js';
import {
  accounts,
  allReceiptSids,
  conversationNames,
  conversationSids,
  messages,
  serviceSids,
} from './emulator-queries.js';
import { rawExchange, rawRequest, type RawAnswer } from './emulator-raw.js';

const RUNS = Number(process.env.EMULATOR_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.EMULATOR_FUZZ_SEED ?? 20261126);

/** A real PageToken the emulator issued, so generated queries also carry valid and near-valid tokens. */
async function pageToken(emu: Emulator): Promise<string> {
  const page = (await send(emu, targetList(emu.target, 'PageSize=2'))).json as { meta: { next_page_url: string } };
  return new URL(String(page.meta.next_page_url)).searchParams.get('PageToken') ?? '';
}

const fields: Record<string, SidField> = {
  ChatServiceSid: 'chat_service_sid',
  ConversationSid: 'conversation_sid',
  MessageSid: 'message_sid',
  Sid: 'sid',
};
const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 30, maxLength: 34 });
const junk = fc.constantFrom(
  '%zz',
  '%',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%00',
  '%E0%A4%A',
  '%C3%BC',
  'ü',
  '',
  'a'.repeat(3000),
  '%2e%2e%2f%2e%2e',
  '\u0000',
  String(contract.sids.prefix('chat_service_sid')),
  String(contract.sids.prefix('sid')),
);
const urlChars = fc.string({
  unit: fc.constantFrom(...'abcXYZ019-._~%/?#[]@!$&\'()*+,;=: \t"<>\\^`{|}'),
  maxLength: 60,
});

/** Every SID and unique name of the data set (all accounts), so requests also aim at other tenants' data. */
function known(e: Emulator, param: string): string[] {
  if (param === 'ChatServiceSid') return serviceSids(e);
  if (param === 'ConversationSid') return conversationSids(e).concat(conversationNames(e).map((c) => c.name));
  if (param === 'MessageSid') return messages(e).map((m) => m.sid);
  return allReceiptSids(e);
}

const segment = (emu: Emulator) => (param: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known(emu, param)) },
    { weight: 2, arbitrary: hex.map((h) => (contract.sids.prefix(fields[param]) ?? '') + h) },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: urlChars.map(encodeURI) },
  );
const templatePath = (emu: Emulator) =>
  fc.constantFrom(...contract.paths.operations).chain((op) =>
    fc.tuple(...op.params.map(segment(emu)), fc.constantFrom('', '', '/', '/..', '/x', '%2F..')).map((parts) => {
      let i = 0;
      return op.template.replace(/\{\w+\}/g, () => parts[i++]) + parts[parts.length - 1];
    }),
  );
const anyPath = (emu: Emulator) =>
  fc.oneof(
    { weight: 5, arbitrary: templatePath(emu) },
    { weight: 1, arbitrary: urlChars.map((s) => '/' + encodeURI(s)) },
  );
const value = (token: string) =>
  fc.oneof(
    fc.integer({ min: -2, max: 60 }).map(String),
    fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
    fc.constantFrom(
      '',
      '1e3',
      '0x10',
      '1.5',
      ' 5',
      '%zz',
      '%',
      token,
      token.slice(0, -3),
      token + 'A',
      'PA' + 'a'.repeat(30),
      'a'.repeat(5000),
    ),
    urlChars.map(encodeURIComponent),
  );
const query = (token: string) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom('PageSize', 'Page', 'PageToken', 'pagesize', 'Foo', '', '%zz'), value(token)), {
        maxLength: 5,
      }),
      fc.constantFrom(0, 0, 0, 100, 10_000, 20_000),
    )
    .map(([pairs, pad]) =>
      [...pairs.map(([k, v]) => `${k}=${v}`), ...(pad ? [`pad=${'x'.repeat(pad)}`] : [])].join('&'),
    );
const auth = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant('own') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'other',
        'none',
        'wrong',
        'Basic %%%',
        'Bearer x',
        'Basic ' + 'A'.repeat(20_000),
        'basic',
      ),
    },
  );
const method = fc.constantFrom(
  'GET',
  'GET',
  'GET',
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'HEAD',
  'TRACE',
  'CONNECT',
  'FOO',
  'get',
);

/** The Authorization header for a generated auth case, and the account it names (-1: none). */
function header(e: Emulator, a: string): { value?: string; account: number } {
  const acct = accounts(e);
  if (a === 'own') return { value: basic({ accountSid: acct[0].sid, authToken: acct[0].token }), account: 0 };
  if (a === 'other') return { value: basic({ accountSid: acct[1].sid, authToken: acct[1].token }), account: 1 };
  if (a === 'wrong') return { value: basic({ accountSid: acct[0].sid, authToken: acct[1].token }), account: -1 };
  return { value: a === 'none' ? undefined : a, account: -1 };
}

/** Why an answer breaks the rules ('' when it does not). */
function judge(e: Emulator, m: string, path: string, account: number, a: RawAnswer): string {
  if (a.timedOut) return 'no complete answer within the time limit';
  if (a.status < 200 || a.status >= 500) return `HTTP ${a.status}`;
  if (!String(a.headers['content-type']).startsWith('application/json'))
    return `content-type ${a.headers['content-type']}`;
  if (m === 'HEAD') return '';
  let body: unknown;
  try {
    body = JSON.parse(a.body);
  } catch {
    return `invalid JSON: ${a.body.slice(0, 80)}`;
  }
  if (a.status !== 200)
    return contract.errors
      .validate(a.status, body)
      .map((v) => v.message)
      .join('; ');
  if (m !== 'GET' || account < 0) return `200 for ${m} with account ${account}`;
  return ownData(e, path, account, body);
}

/** A 200 must hold valid receipts of the path's own message and of the caller's own account. */
function ownData(e: Emulator, path: string, account: number, body: unknown): string {
  const q = path.indexOf('?');
  const match = contract.paths.match(q < 0 ? path : path.slice(0, q));
  if (!match) return '200 for a path outside the API';
  const { op, raw } = match;
  const schema = `${op.scope === 'service' ? 'Service' : ''}Receipt${op.name === 'list' ? 'Page' : ''}` as const;
  const v = contract.validate(schema, body);
  if (v.length) return v.map((x) => `${x.pointer} ${x.message}`).join('; ');
  const items =
    op.name === 'list'
      ? (body as { delivery_receipts: Record<string, unknown>[] }).delivery_receipts
      : [body as Record<string, unknown>];
  const dec = (s: string | undefined) => decodeURIComponent(s ?? '');
  for (const r of items) {
    if (r.account_sid !== accounts(e)[account].sid) return `receipt of another account: ${String(r.account_sid)}`;
    if (r.message_sid !== dec(raw.MessageSid)) return `receipt of another message: ${String(r.message_sid)}`;
    if (op.scope === 'service' && r.chat_service_sid !== dec(raw.ChatServiceSid))
      return `receipt of another service: ${String(r.chat_service_sid)}`;
    if (op.name === 'fetch' && r.sid !== dec(raw.Sid)) return `another receipt: ${String(r.sid)}`;
  }
  return '';
}

test.describe('emulator under hostile input (property-based)', () => {
  test(`any generated request gets a Twilio-shaped 4xx or a valid 200 of the caller's own data (${RUNS} runs, seed ${SEED})`, async ({
    emulator: emu,
  }) => {
    test.setTimeout(60_000 + RUNS * 200);
    const token = await pageToken(emu);
    await fc.assert(
      fc.asyncProperty(method, anyPath(emu), query(token), auth(), async (m, p, q, au) => {
        const path = q ? `${p}?${q}` : p;
        const h = header(emu, au);
        const a = await rawExchange(
          emu.url,
          rawRequest(m, path, h.value === undefined ? {} : { Authorization: h.value }),
        );
        const problem = judge(emu, m, path, h.account, a);
        if (problem) throw new Error(`${m} ${path.slice(0, 300)} (auth ${au.slice(0, 20)}): ${problem}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect((await send(emu, targetList(emu.target))).status).toBe(200); // still serving
  });
});
