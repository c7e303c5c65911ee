import { test as base, expect } from '../../fixtures/test.js';
import { contract, type Scope } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { basic, send } from './emulator-http.js';

/** Every path that could name a receipt or its list: both scopes, by conversation SID and by unique name. */
function paths(e: Emulator, i: number): string[] {
  const { store } = e;
  const m = store.receipts.msg[i], c = store.messages.conv[m], s = store.conversations.service[c];
  const names = [store.conversations.sids.sid(c), ...[...store.conversations.byName].filter(([, v]) => v === c).map(([k]) => k.split('\u0000')[1])];
  const out: string[] = [];
  for (const scope of ['service', 'default'] as Scope[]) {
    for (const ConversationSid of names) {
      const p = { ChatServiceSid: store.services[s].sid, ConversationSid, MessageSid: store.messages.sids.sid(m), Sid: store.receipts.sids.sid(i) };
      out.push(contract.buildPath('fetch', scope, p), contract.buildPath('list', scope, p));
    }
  }
  return out;
}

/** Which account a receipt belongs to. */
const owner = (e: Emulator, i: number): number => e.store.services[e.store.conversations.service[e.store.messages.conv[e.store.receipts.msg[i]]]].account;

for (const [name, dataset] of [['seed', undefined], ['synthetic (2,000 receipts)', { receipts: 2_000, seed: 3 }]] as const) {
  base.describe(`tenancy: ${name} data set`, () => {
    /** This block's emulator, from the worker's factory (one server per set of options, stopped with the worker). */
    const test = base.extend<{ emu: Emulator }>({ emu: async ({ emulatorWith }, use) => use(await emulatorWith({ dataset })) });

    test('holds more than one account, each with its own credentials and services', ({ emu }) => {
      const { accounts, services } = emu.store;
      expect(accounts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(accounts.map((a) => a.token)).size).toBe(accounts.length);
      for (let a = 0; a < accounts.length; a++) expect(services.filter((s) => s.account === a).length).toBeGreaterThanOrEqual(2);
    });

    test("no credential reaches another account's receipts by any path", async ({ emu }) => {
      const { store } = emu;
      const step = Math.max(1, Math.floor(store.receipts.count / 60)); // every receipt of the seed; a spread sample of a large set
      let foreign = 0;
      for (let i = 0; i < store.receipts.count; i += step) {
        for (let a = 0; a < store.accounts.length; a++) {
          if (owner(emu, i) === a) continue;
          const creds = basic({ accountSid: store.accounts[a].sid, authToken: store.accounts[a].token });
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
      const { store } = emu;
      for (let a = 0; a < store.accounts.length; a++) {
        const i = [...Array(store.receipts.count).keys()].find((k) => owner(emu, k) === a && !store.services[store.conversations.service[store.messages.conv[store.receipts.msg[k]]]].isDefault);
        expect(i).toBeDefined();
        const r = await send(emu, paths(emu, i as number)[0], basic({ accountSid: store.accounts[a].sid, authToken: store.accounts[a].token }));
        expect(r.status).toBe(200);
        expect((r.json as { account_sid: string }).account_sid).toBe(store.accounts[a].sid);
      }
    });
  });
}
