import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { messagePath, receiptSids, send } from './emulator-http.js';

interface Page { delivery_receipts: { sid: string; message_sid: string }[] }

/** The messages of the store, with whether they sit in their account's default service. */
function messages(e: Emulator): { m: number; account: number; isDefault: boolean }[] {
  const { store } = e;
  return Array.from({ length: store.messages.count }, (_, m) => {
    const s = store.services[store.conversations.service[store.messages.conv[m]]];
    return { m, account: s.account, isDefault: s.isDefault };
  });
}

/** The target's credentials if the message is of the target's account (the only one these tests authenticate as). */
const own = (e: Emulator) => messages(e).filter((x) => x.account === e.store.target.account);

test.describe('emulator scoping: service, conversation and message', () => {
  test('a list holds exactly the receipts of the message in the path, under the scope of its service', async ({ emulator: emu }) => {
    for (const { m, isDefault } of own(emu)) {
      const a = await send(emu, messagePath(emu, m, isDefault ? 'default' : 'service') + `?PageSize=${contract.pageSize.max}`);
      expect(a.status).toBe(200);
      expect((a.json as Page).delivery_receipts.map((r) => r.sid)).toEqual(receiptSids(emu, m));
    }
  });

  test('no receipt is reachable through another message, conversation or service path', async ({ emulator: emu }) => {
    const list = own(emu);
    for (const { m } of list) {
      for (const sid of receiptSids(emu, m)) {
        for (const other of list.filter((x) => x.m !== m)) {
          for (const scope of ['service', 'default'] as const) {
            const a = await send(emu, messagePath(emu, other.m, scope, sid));
            expect(a.status, `${sid} under message ${other.m} (${scope})`).toBe(404);
          }
        }
      }
    }
  });

  test("a non-default service's receipts are not visible on the default-service paths", async ({ emulator: emu }) => {
    for (const { m } of own(emu).filter((x) => !x.isDefault)) {
      expect((await send(emu, messagePath(emu, m, 'default'))).status).toBe(404);
      for (const sid of receiptSids(emu, m)) expect((await send(emu, messagePath(emu, m, 'default', sid))).status).toBe(404);
    }
  });

  test('a fetch returns the receipt of the path, and it equals the list item', async ({ emulator: emu }) => {
    for (const { m, isDefault } of own(emu)) {
      const scope = isDefault ? 'default' : 'service';
      const page = (await send(emu, messagePath(emu, m, scope))).json as Page;
      for (const item of page.delivery_receipts) {
        const a = await send(emu, messagePath(emu, m, scope, item.sid));
        expect(a.json).toEqual(item);
      }
    }
  });

  test('a conversation may be addressed by its unique name, only within its own service', async ({ emulator: emu }) => {
    const { store } = emu;
    for (const [key, c] of store.conversations.byName) {
      const name = key.split('\u0000')[1];
      const s = store.conversations.service[c];
      const m = store.messages.conv.indexOf(c);
      if (store.services[s].account !== store.target.account) continue;
      const path = contract.buildPath('list', 'service', { ChatServiceSid: store.services[s].sid, ConversationSid: name, MessageSid: store.messages.sids.sid(m) });
      expect((await send(emu, path)).status).toBe(200);
      const otherService = store.services.findIndex((x, i) => i !== s && x.account === store.target.account);
      const wrong = contract.buildPath('list', 'service', { ChatServiceSid: store.services[otherService].sid, ConversationSid: name, MessageSid: store.messages.sids.sid(m) });
      expect((await send(emu, wrong)).status).toBe(404);
    }
  });
});
