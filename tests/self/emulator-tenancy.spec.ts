import { test as base, expect } from '../../fixtures/test.js';
import { contract, type Scope } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { basic, send } from './emulator-http.js';
import { accounts, conversationNames, receiptAt, receiptCount, services } from './emulator-queries.js';

/** Every path that could name a receipt or its list: both scopes, by conversation SID and by unique name. */
function paths(e: Emulator, i: number): string[] {
  const { sid: Sid, message: m } = receiptAt(e, i);
  const names = [
    m.conversationSid,
    ...conversationNames(e)
      .filter((x) => x.conversation === m.conversation)
      .map((x) => x.name),
  ];
  const out: string[] = [];
  for (const scope of ['service', 'default'] as Scope[]) {
    for (const ConversationSid of names) {
      const p = { ChatServiceSid: m.serviceSid, ConversationSid, MessageSid: m.sid, Sid };
      out.push(contract.paths.build('fetch', scope, p), contract.paths.build('list', scope, p));
    }
  }
  return out;
}

/** Which account a receipt belongs to. */
const owner = (e: Emulator, i: number): number => receiptAt(e, i).message.account;

for (const [name, dataset] of [
  ['seed', undefined],
  ['synthetic (2,000 receipts)', { receipts: 2_000, seed: 3 }],
] as const) {
  base.describe(`tenancy: ${name} data set`, () => {
    /** This block's emulator, from the worker's factory (one server per set of options, stopped with the worker). */
    const test = base.extend<{ emu: Emulator }>({
      emu: async ({ emulatorWith }, use) => use(await emulatorWith({ dataset })),
    });

    test('holds more than one account, each with its own credentials and services', ({ emu }) => {
      const [all, svc] = [accounts(emu), services(emu)];
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(new Set(all.map((a) => a.token)).size).toBe(all.length);
      for (let a = 0; a < all.length; a++) expect(svc.filter((s) => s.account === a).length).toBeGreaterThanOrEqual(2);
    });

    test("no credential reaches another account's receipts by any path", async ({ emu }) => {
      const [all, count] = [accounts(emu), receiptCount(emu)];
      const step = Math.max(1, Math.floor(count / 60)); // every receipt of the seed; a spread sample of a large set
      let foreign = 0;
      for (let i = 0; i < count; i += step) {
        for (let a = 0; a < all.length; a++) {
          if (owner(emu, i) === a) continue;
          const creds = basic({ accountSid: all[a].sid, authToken: all[a].token });
          for (const path of paths(emu, i)) {
            const r = await send(emu, path, creds);
            expect(r.status, `${path} with account ${a}'s credentials`).toBe(404);
            foreign++;
          }
        }
      }
      expect(foreign).toBeGreaterThan(0);
    });

    test("each account reaches its own receipts on its own service's paths", async ({ emu }) => {
      const all = accounts(emu);
      for (let a = 0; a < all.length; a++) {
        const i = [...Array(receiptCount(emu)).keys()].find(
          (k) => owner(emu, k) === a && !receiptAt(emu, k).message.isDefault,
        );
        expect(i).toBeDefined();
        const r = await send(
          emu,
          paths(emu, i as number)[0],
          basic({ accountSid: all[a].sid, authToken: all[a].token }),
        );
        expect(r.status).toBe(200);
        expect((r.json as { account_sid: string }).account_sid).toBe(all[a].sid);
      }
    });
  });
}
