import { expect, test } from '../../fixtures/test.js';
import { create, type Emulator } from '../../emulator/server.js';
import { checkOptions } from '../../emulator/options.js';
import { contract } from '../../spec/contract.js';
import { send, targetList, twilioErrorProblem } from './emulator-http.js';

interface Page {
  delivery_receipts: { url: string }[];
  meta: Record<string, string | null>;
}

const PREFIX = '/twilio-api';

test.describe('emulator --base-path: the API served under a prefix, as behind a gateway', () => {
  let emu: Emulator;
  test.beforeAll(async () => {
    emu = await create({ port: 0, host: '127.0.0.1', basePath: `${PREFIX}/`, publicUrl: 'https://gw.example.test' });
  });
  test.afterAll(async () => emu.stop());

  test('its URL, public URL and target carry the prefix (a trailing slash given is dropped)', () => {
    expect(emu.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${PREFIX}$`));
    expect(emu.publicUrl).toBe(`https://gw.example.test${PREFIX}`);
    expect([emu.target.url, emu.target.publicUrl]).toEqual([emu.url, emu.publicUrl]);
  });

  test('answers under the prefix and writes every link with it', async () => {
    const a = await send(emu, PREFIX + targetList(emu.target, 'PageSize=2'));
    expect(a.status, a.text).toBe(200);
    const page = a.json as Page;
    const links = [...page.delivery_receipts.map((r) => r.url), page.meta.url, page.meta.first_page_url];
    for (const link of [...links, page.meta.next_page_url])
      expect(link).toMatch(/^https:\/\/gw\.example\.test\/twilio-api\/v1\//);
    const next = new URL(String(page.meta.next_page_url));
    expect((await send(emu, next.pathname + next.search)).status).toBe(200);
  });

  const outside: [string, string][] = [
    ['the API path without the prefix', ''],
    ['a prefix that only starts the same', '/twilio-apix'],
    ['the prefix twice', PREFIX + PREFIX],
  ];
  for (const [what, before] of outside) {
    test(`${what} gets a Twilio-shaped 404`, async () => {
      const a = await send(emu, before + targetList(emu.target));
      expect(a.status).toBe(404);
      expect(twilioErrorProblem(a)).toBe('');
      expect((a.json as { code: number }).code).toBe(contract.errors.example(404).code);
    });
  }

  const refused: [unknown, string][] = [
    ['twilio-api', 'no leading slash'],
    ['/twilio-api?x=1', 'a query'],
    ['/a/../b', 'a dot segment'],
    ['/a b', 'a space'],
  ];
  for (const [basePath, what] of refused) {
    test(`a base path with ${what} is refused with one line naming the option`, () => {
      expect(() => checkOptions({ basePath: basePath as string })).toThrow(
        `base-path must be a path prefix such as /twilio-api (segments of letters, digits and -._~, no query), got ${JSON.stringify(basePath)}`,
      );
    });
  }
});
