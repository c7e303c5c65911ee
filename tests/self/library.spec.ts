import { readFileSync } from 'node:fs';
import { test, expect } from '../../fixtures/test.js';
import { basicAuth } from '../../client/basic-auth.js';
import { secretForms } from '../../client/redact.js';
import { judge } from '../../conformance/judge-answer.js';
import { contract } from '../../spec/contract.js';
import type { Target } from '../../client/settings.js';
import { slicesShown } from './token-slices.js';

/** The names an entry point (entry/*.js) takes from its lib/ source. */
function entryNames(entry: string): string[] {
  const text = readFileSync(new URL(`../../entry/${entry}.js`, import.meta.url), 'utf8');
  const list = /export const \{([^}]*)\}\s*=\s*await import\('\.\.\/lib\/[\w-]+\.js'\)/.exec(text)?.[1] ?? '';
  return list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .sort();
}

/** A receipts list URL of a target, at PageSize 5. */
const listUrl = (t: Target): string =>
  `${t.url}/v1/Services/${t.serviceSid}/Conversations/${t.conversationSid}/Messages/${t.messageSid}/Receipts?PageSize=5`;

test.describe('the library: what package.json exports', () => {
  for (const entry of ['index', 'emulator', 'playwright']) {
    test(`entry/${entry}.js exports every value lib/${entry}.ts exports, and nothing else`, async () => {
      const lib = (await import(`../../lib/${entry}.js`)) as Record<string, unknown>;
      expect(entryNames(entry)).toEqual(Object.keys(lib).sort());
    });
  }

  test('await expect(response).toConform(target) judges an APIResponse with every check', async ({
    emulator,
    emulatorWith,
    request,
  }) => {
    const get = (t: Target) =>
      request.get(listUrl(t), { headers: { authorization: basicAuth(t.accountSid, t.authToken) } });
    await expect(await get(emulator.target)).toConform(emulator.target);
    const faulty = (await emulatorWith({ fault: 'status-enum' })).target;
    const res = await get(faulty);
    await expect(res).not.toConform(faulty);
    const failure = await expect(res)
      .toConform(faulty)
      .then(
        () => '',
        (e: Error) => e.message,
      );
    expect(failure).toMatch(/contract violation\(s\):\n\[receipt_schema\] \/delivery_receipts\/\d+\/status: enum: /);
    expect(failure).toContain(`Response body of GET ${new URL(listUrl(faulty)).pathname}?PageSize=5:`);
  });

  test('toConform(target) judges and shows an answer that echoes the credentials without them', async ({
    emulatorWith,
    request,
  }) => {
    const t = (await emulatorWith({ fault: 'echo-credentials' })).target;
    const res = await request.get(listUrl(t), { headers: { authorization: basicAuth(t.accountSid, t.authToken) } });
    expect(await res.text()).toContain(t.authToken); // the target echoes it
    const failure = await expect(res)
      .toConform(t)
      .then(
        () => '',
        (e: Error) => e.message,
      );
    expect(failure).toContain('[redacted]');
    expect(failure).toContain('Response body of GET');
    for (const form of secretForms(t)) expect(failure).not.toContain(form);
    expect(slicesShown(failure, t.authToken)).toEqual([]);
  });

  test("judge() takes any client's answer; a 401 without credentials conforms, a page does not; another path is refused", async ({
    emulator,
  }) => {
    const t = emulator.target;
    const res = await fetch(listUrl(t));
    const answer = {
      url: listUrl(t),
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: await res.text(),
    };
    expect(res.status).toBe(401);
    expect(judge(answer, { publicUrl: t.publicUrl, accountSid: null })).toEqual([]);
    // a page served to a request without credentials is not the documented 401
    const page = await fetch(listUrl(t), { headers: { authorization: basicAuth(t.accountSid, t.authToken) } });
    const served = {
      ...answer,
      status: page.status,
      headers: Object.fromEntries(page.headers),
      body: await page.text(),
    };
    expect(judge(served, t)).toEqual([]);
    const unauthorized = judge(served, { publicUrl: t.publicUrl, accountSid: null });
    expect([...new Set(unauthorized.map((v) => v.check))]).toEqual(['response_status', 'response_no_receipts']);
    expect(() => judge({ ...answer, url: `${t.url}/v1/Services` }, t)).toThrow(
      'GET /v1/Services is not an operation of the receipts contract',
    );
  });

  test("judge(): a 429 is judged as Twilio's 429 whoever asked, without credentials too; a wrong body is still found", async ({
    emulator,
  }) => {
    const t = emulator.target;
    // OBSERVED.md: a throttled request is not processed, so a gateway may rate-limit before it authenticates
    const throttled = contract.errors.example(429);
    const answer = {
      url: listUrl(t),
      status: 429,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(throttled),
    };
    expect(judge(answer, { publicUrl: t.publicUrl, accountSid: null })).toEqual([]);
    expect(judge(answer, t)).toEqual([]);
    const wrong = { ...answer, body: JSON.stringify({ ...throttled, code: contract.errors.example(404).code }) };
    const found = judge(wrong, { publicUrl: t.publicUrl, accountSid: null });
    expect(found.map((v) => `${v.check} ${v.pointer}`)).toEqual(['error_body /code']);
  });
});
