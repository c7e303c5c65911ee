import fc from 'fast-check';
import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { Auth } from '../../emulator/auth.js';
import type { Emulator } from '../../emulator/server.js';
import { send, targetList, twilioErrorProblem } from './emulator-http.js';
import { accounts } from './emulator-queries.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const creds = (e: Emulator): string => `${e.target.accountSid}:${e.target.authToken}`;

/** Authorization headers that must all be refused, by what is wrong with them. */
const refused: [string, (e: Emulator) => string | null][] = [
  ['no Authorization header', () => null],
  ['wrong token', (e) => 'Basic ' + b64(`${e.target.accountSid}:${'0'.repeat(e.target.authToken.length)}`)],
  ['right token, other account SID', (e) => 'Basic ' + b64(`${accounts(e)[1].sid}:${e.target.authToken}`)],
  [
    'other account SID with its own token, swapped',
    (e) => 'Basic ' + b64(`${e.target.accountSid}:${accounts(e)[1].token}`),
  ],
  ['token only', (e) => 'Basic ' + b64(e.target.authToken)],
  ['Bearer scheme', (e) => 'Bearer ' + e.target.authToken],
  ['not base64', () => 'Basic !!!not-base64!!!'],
  ['empty Basic', () => 'Basic '],
  ['oversized', (e) => 'Basic ' + b64(creds(e)) + 'A'.repeat(8000)],
  ['base64 credentials without the Basic scheme', (e) => b64(creds(e))],
  ['no space after the scheme', (e) => 'Basic' + b64(creds(e))],
  ['a tab instead of a space', (e) => 'Basic\t' + b64(creds(e))],
  ['base64 without its padding', (e) => 'Basic ' + b64(creds(e)).replace(/=+$/, '')],
  ['base64url instead of base64', (e) => 'Basic ' + Buffer.from(creds(e) + '??>').toString('base64url')],
  ['an extra field (sid:token:x)', (e) => 'Basic ' + b64(`${creds(e)}:x`)],
  ['the credentials in plain text', (e) => 'Basic ' + creds(e)],
  ['the scheme twice', (e) => 'Basic Basic ' + b64(creds(e))],
];

test.describe('emulator auth (HTTP Basic)', () => {
  for (const [name, header] of refused) {
    test(`refuses ${name} with 401, Twilio error ${contract.errors.example(401).code} and a Basic challenge`, async ({
      emulator: emu,
    }) => {
      const a = await send(emu, targetList(emu.target), header(emu));
      expect(a.status).toBe(401);
      expect(twilioErrorProblem(a)).toBe('');
      expect((a.json as { code: number }).code).toBe(contract.errors.example(401).code);
      expect(String(a.headers['www-authenticate'])).toMatch(/^Basic realm=/);
    });
  }

  test('serves the right credentials, with the scheme in any case and any number of spaces after it', async ({
    emulator: emu,
  }) => {
    expect((await send(emu, targetList(emu.target))).status).toBe(200);
    for (const scheme of ['basic ', 'BASIC ', 'bAsIc    ']) {
      expect((await send(emu, targetList(emu.target), scheme + b64(creds(emu)))).status, scheme).toBe(200);
    }
  });

  test('checks credentials before it says whether a path exists', async ({ emulator: emu }) => {
    expect((await send(emu, '/v1/nothing-here', null)).status).toBe(401);
  });

  test('never shows the token when the target is printed', ({ emulator: emu }) => {
    expect(JSON.stringify(emu.target)).not.toContain(emu.target.authToken);
  });
});

/** The rule written out independently: Basic (any case), spaces, then strict RFC 4648 base64 of exactly SID:TOKEN. */
function oracle(header: string, accounts: { sid: string; token: string }[]): number {
  const m = /^basic +(.*)$/is.exec(header);
  if (!m || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(m[1])) return -1;
  const bytes = Buffer.from(m[1], 'base64');
  if (bytes.toString('base64') !== m[1]) return -1; // non-canonical (stray bits in the last character)
  return accounts.findIndex((a) => bytes.toString('latin1') === `${a.sid}:${a.token}`);
}

test.describe('emulator auth: header shapes (property-based)', () => {
  test("accepts a header exactly when it is Basic, spaces, and the canonical base64 of one account's SID:TOKEN", ({
    emulator: emu,
  }) => {
    // Auth is built from the store's own account rows, so this unit test hands it those.
    const { accounts } = emu.store;
    const auth = new Auth(accounts);
    const flipCase = fc
      .array(fc.boolean(), { minLength: 5, maxLength: 5 })
      .map((up) => [...'basic'].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
    const scheme = fc.oneof(
      flipCase,
      fc.constantFrom('', 'Bearer', 'Digest', 'Basi', 'Basicc', 'Basic:', 'Basic Basic'),
    );
    const sep = fc.constantFrom('', ' ', ' ', '  ', '     ', '\t', ' \t', ':');
    const a = fc.constantFrom(...accounts);
    const text = fc.oneof(
      { weight: 4, arbitrary: a.map((x) => `${x.sid}:${x.token}`) },
      { weight: 1, arbitrary: fc.tuple(a, a).map(([x, y]) => `${x.sid}:${y.token}`) },
      {
        weight: 1,
        arbitrary: a.chain((x) =>
          fc.constantFrom(
            `${x.sid}:${x.token}:x`,
            `${x.sid}:`,
            `:${x.token}`,
            x.token,
            x.sid,
            `${x.sid}:${x.token} `,
            `${x.sid.toLowerCase()}:${x.token}`,
          ),
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    );
    const encode = fc.constantFrom<(t: string) => string>(
      (t) => b64(t),
      (t) => b64(t),
      (t) => b64(t).replace(/=+$/, ''),
      (t) => Buffer.from(t).toString('base64url'),
      (t) => t,
      (t) => b64(t) + 'A',
      (t) => b64(t).slice(0, -1),
      (t) => b64(t).replace(/(.{8})/, '$1 '),
      (t) => b64(t) + '=',
    );
    let accepted = 0;
    fc.assert(
      fc.property(scheme, sep, text, encode, (s, p, t, enc) => {
        const header = s + p + enc(t);
        const expected = oracle(header, accounts);
        if (expected >= 0) accepted++;
        return auth.account(header) === expected; // fast-check prints the shrunk header that disagrees
      }),
      { seed: 20261201, numRuns: 2000 },
    );
    expect(accepted, 'the generator reaches valid headers too').toBeGreaterThan(30);
  });
});
