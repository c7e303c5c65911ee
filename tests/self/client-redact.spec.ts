import fc from 'fast-check';
import { expect, test } from '../../fixtures/test.js';
import { basicAuth } from '../../client/basic-auth.js';
import { sidOf } from './exchanges.js';
import { cleanHeaders, cleanJson, redact, redactorFor, secretForms, type Secret } from '../../client/redact.js';
import { contract } from '../../spec/contract.js';

const secret = { accountSid: sidOf('account_sid', 'a'), authToken: '6e39e75f' + '0123456789abcdef01234567' };
const pair = `${secret.accountSid}:${secret.authToken}`;

/** Every way a target might echo the credentials back. */
const echoes: [string, string][] = [
  ['the plain token', secret.authToken],
  ['the Basic header', basicAuth(secret.accountSid, secret.authToken)],
  ['the base64 pair without the scheme', Buffer.from(pair).toString('base64')],
  ['the base64url pair', Buffer.from(pair).toString('base64url')],
  ['the base64 token', Buffer.from(secret.authToken).toString('base64')],
  ['the percent-encoded base64 pair', encodeURIComponent(Buffer.from(pair).toString('base64'))],
  ['the percent-encoded pair', encodeURIComponent(pair)],
  ['a Basic header of other credentials', basicAuth(sidOf('account_sid', 'f'), 'another-secret-value')],
];

test.describe('redact', () => {
  for (const [name, value] of echoes) {
    test(`removes ${name} from a text`, () => {
      const out = redact(`received "${value}" in a receipt field`, secret);
      expect(out).toContain('[redacted]');
      for (const form of secretForms(secret)) expect(out).not.toContain(form);
      expect(out).not.toContain(value);
    });
  }

  test("removes every form of a second account's token too (TARGET_OTHER_*), in the same pass", () => {
    const other = {
      otherAccountSid: sidOf('account_sid', 'b'),
      otherAuthToken: '7f4a' + 'fedcba9876543210fedcba98765',
    };
    const both = { ...secret, ...other };
    const otherPair = `${other.otherAccountSid}:${other.otherAuthToken}`;
    const text = `a ${other.otherAuthToken} b ${Buffer.from(otherPair).toString('base64url')} c ${secret.authToken}`;
    const out = redact(text, both);
    expect(out).toBe('a [redacted] b [redacted] c [redacted]');
    expect(secretForms(both)).toEqual(expect.arrayContaining([other.otherAuthToken, ...secretForms(secret)]));
  });

  test('removes every form of every secret of a list (the proxy redacts against every pair it saw)', () => {
    const seen = { accountSid: sidOf('account_sid', 'c'), authToken: '9d8c' + '00112233445566778899aabbcc' };
    const text = `${secret.authToken} ${Buffer.from(`${seen.accountSid}:${seen.authToken}`).toString('base64')}`;
    expect(redact(text, [secret, seen])).toBe('[redacted] [redacted]');
    expect(redact(text, [])).toBe(text);
  });

  test('leaves a text without credentials unchanged', () => {
    const text = `[receipt_schema] /sid: expected ${String(contract.sids.pattern('sid'))}, received "${sidOf('message_sid', '0')}"`;
    expect(redact(text, secret)).toBe(text);
  });
});

/** The redaction at its plainest: every form, longest first, replaced wherever it shows, then any Basic value. */
function plainRedact(text: string, secret: Secret): string {
  let out = text;
  for (const form of secretForms(secret)) out = out.split(form).join('[redacted]');
  return out.replace(/(Basic\s+)[A-Za-z0-9+/=_-]{8,}/gi, '$1[redacted]');
}

test.describe('redactorFor: searched once, it redacts as the plain algorithm does', () => {
  // a token with brackets could be completed by '[redacted]' itself: the redactor must then look everywhere again
  const bracketed = { accountSid: secret.accountSid, authToken: 'ab[redacted]cd0123' };
  for (const [name, s] of [['a hex token', secret] as const, ['a token with brackets', bracketed] as const]) {
    test(`${name}: texts of forms, their pieces, Basic words and JSON give the same text`, () => {
      const forms = secretForms(s);
      const piece = fc.oneof(
        fc.constantFrom(...forms, 'Basic ', 'basic\t', '"', ':', ' ', '[', ']', 'redacted', '%3D', '='),
        fc.constantFrom(...forms).chain((f) => fc.nat(f.length).map((n) => f.slice(0, n))),
        fc.constantFrom(...forms).chain((f) => fc.nat(f.length).map((n) => f.slice(n))),
        fc.string({ unit: fc.constantFrom(...'ACab019+/=_-%[]: ') }),
      );
      const redactor = redactorFor(s);
      let changed = 0;
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
          const text = pieces.join('');
          const out = redactor.redact(text);
          if (out !== text) changed++;
          return out === plainRedact(text, s); // fast-check prints the shrunk text that differs
        }),
        { seed: 20261207, numRuns: 3000 },
      );
      expect(changed, 'the generator reaches texts holding a form').toBeGreaterThan(500);
    });
  }

  test('a token holding "[redacted]" that a replacement completes is replaced too', () => {
    const [before, after] = bracketed.authToken.split('[redacted]');
    const longer = secretForms(bracketed).filter((f) => f.length > bracketed.authToken.length);
    expect(longer.length).toBeGreaterThan(3);
    for (const form of longer) {
      const text = `${before}${form}${after}`; // replacing the form makes the token: the plain algorithm blanks both
      expect(redactorFor(bracketed).redact(text), form).toBe(plainRedact(text, bracketed));
      expect(plainRedact(text, bracketed)).toBe('[redacted]');
    }
  });
});

/** Every character of a text as a JSON \u escape: a server may spell any string so, and JSON.parse reads it back. */
const escaped = (text: string): string =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

test.describe('cleanJson and cleanHeaders: an answer clean before anything reads it', () => {
  const redactor = redactorFor(secret);
  const base64 = Buffer.from(pair).toString('base64');

  test('the strings and keys of a body that spells a form in JSON escapes lose it; the text search alone misses it', () => {
    // a PHP server writes every / of a base64 value as \/; any character may come as a \u escape
    const value = escaped(base64[0]) + base64.slice(1).replace(/\//g, '\\/');
    const text = `{"sid":"${escaped(secret.authToken)}","links":{"${escaped(pair)}":"${value}"}}`;
    expect(redactor.redact(text)).toBe(text); // nothing to see in the text itself
    const json = cleanJson(JSON.parse(text), text, redactor);
    // as redact() does a text: the token goes, the account SID before it (no secret alone) stays
    expect(json).toEqual({ sid: '[redacted]', links: { [`${secret.accountSid}:[redacted]`]: '[redacted]' } });
  });

  test('a body nested 100 000 deep is walked without recursion, its deepest string cleaned', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + `"${escaped(secret.authToken)}"` + ']'.repeat(depth);
    let node = cleanJson(JSON.parse(text), text, redactor);
    for (let i = 0; i < depth; i++) node = (node as unknown[])[0];
    expect(node).toBe('[redacted]');
  });

  test('a body without a backslash is returned as parsed: the text search has seen every string', () => {
    const json = { sid: sidOf('sid', '0') };
    expect(cleanJson(json, JSON.stringify(json), redactor)).toBe(json);
  });

  test('header values lose every form; headers without one are the same object', () => {
    const clean = { 'content-type': 'application/json' };
    expect(cleanHeaders(clean, redactor)).toBe(clean);
    expect(cleanHeaders({ ...clean, 'x-echo': `Basic ${base64}` }, redactor)).toEqual({
      ...clean,
      'x-echo': 'Basic [redacted]',
    });
  });
});
