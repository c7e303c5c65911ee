/** The user's project: an ES module package with a Playwright config of its own. */
export const USER_PACKAGE = { name: 'receipt-harness-user', private: true, type: 'module' };

/** The user's Playwright config: their tests only (a plain object, as Playwright takes one). */
export const USER_CONFIG = `export default { testDir: 'tests', reporter: 'line' };
`;

/**
 * The user's tsconfig: strict, their tests only, the library's shipped types; skipLibCheck, as usual, since this
 * project has no @types/node (Playwright's own declarations need it too).
 */
export const USER_TSCONFIG = {
  compilerOptions: {
    ...{ target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext' },
    ...{ strict: true, noEmit: true, skipLibCheck: true },
  },
  include: ['tests'],
};

/**
 * A test the user wrote: their own request, judged by the library's checks through toConform(); the emulator
 * fixture plays a fault, which the same matcher must catch.
 */
export const USER_TEST = `import { test, expect } from 'receipt-contract-harness/playwright';
import { basicAuth, judge, type Target } from 'receipt-contract-harness';

function listUrl(t: Target): string {
  return \`\${t.url}/v1/Services/\${t.serviceSid}/Conversations/\${t.conversationSid}/Messages/\${t.messageSid}/Receipts?PageSize=5\`;
}

test('my own receipts request conforms', async ({ target, request }) => {
  const res = await request.get(listUrl(target), {
    headers: { authorization: basicAuth(target.accountSid, target.authToken) },
  });
  expect(res.status()).toBe(200);
  await expect(res).toConform(target);
});

test('a faulty server does not', async ({ emulatorWith, request }) => {
  const { target } = await emulatorWith({ fault: 'status-enum' });
  const res = await request.get(listUrl(target), {
    headers: { authorization: basicAuth(target.accountSid, target.authToken) },
  });
  await expect(res).not.toConform(target);
  const found = judge({ url: res.url(), status: res.status(), headers: res.headers(), body: await res.text() }, target);
  expect(found.map((v) => v.check)).toContain('receipt_schema');
});
`;
