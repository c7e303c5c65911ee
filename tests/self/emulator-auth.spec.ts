import { test, expect } from '@playwright/test';
import { contract } from '../../spec/contract.js';
import { create, type Emulator } from '../../emulator/server.js';
import { send, targetList, twilioErrorProblem } from './emulator-http.js';

let emu: Emulator;
test.beforeAll(async () => { emu = await create({ port: 0 }); });
test.afterAll(async () => { await emu.stop(); });

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** Authorization headers that must all be refused, by what is wrong with them. */
const refused: [string, (e: Emulator) => string | null][] = [
  ['no Authorization header', () => null],
  ['wrong token', (e) => 'Basic ' + b64(`${e.target.accountSid}:${'0'.repeat(e.target.authToken.length)}`)],
  ['right token, other account SID', (e) => 'Basic ' + b64(`${e.store.accounts[1].sid}:${e.target.authToken}`)],
  ['other account SID with its own token, swapped', (e) => 'Basic ' + b64(`${e.target.accountSid}:${e.store.accounts[1].token}`)],
  ['token only', (e) => 'Basic ' + b64(e.target.authToken)],
  ['Bearer scheme', (e) => 'Bearer ' + e.target.authToken],
  ['not base64', () => 'Basic !!!not-base64!!!'],
  ['empty Basic', () => 'Basic '],
  ['oversized', (e) => 'Basic ' + b64(`${e.target.accountSid}:${e.target.authToken}`) + 'A'.repeat(8000)],
];

test.describe('emulator auth (HTTP Basic)', () => {
  for (const [name, header] of refused) {
    test(`refuses ${name} with 401, Twilio error ${contract.errorExample(401).code} and a Basic challenge`, async () => {
      const a = await send(emu, targetList(emu.target), header(emu));
      expect(a.status).toBe(401);
      expect(twilioErrorProblem(a)).toBe('');
      expect((a.json as { code: number }).code).toBe(contract.errorExample(401).code);
      expect(String(a.headers['www-authenticate'])).toMatch(/^Basic realm=/);
    });
  }

  test('serves the right credentials, with a lower-case scheme too', async () => {
    expect((await send(emu, targetList(emu.target))).status).toBe(200);
    const lower = 'basic ' + b64(`${emu.target.accountSid}:${emu.target.authToken}`);
    expect((await send(emu, targetList(emu.target), lower)).status).toBe(200);
  });

  test('checks credentials before it says whether a path exists', async () => {
    expect((await send(emu, '/v1/nothing-here', null)).status).toBe(401);
  });

  test('never shows the token when the target is printed', () => {
    expect(JSON.stringify(emu.target)).not.toContain(emu.target.authToken);
  });
});
