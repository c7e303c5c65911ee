import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import type { Emulator } from '../../emulator/server.js';
import { listAll, messagePath, send } from './emulator-http.js';
import { conversationNames, ownMessages, messageReceipts } from './emulator-queries.js';
import { spread } from '../contract/probes/spread.js';

interface Page {
  delivery_receipts: { sid: string; message_sid: string }[];
}

/** Receipts of a message tried under every other path: all of a short message, a spread of a long one. */
const SAMPLE = 8;

/** The advertised account's messages (the only account these tests authenticate as), by store index. */
const own = (e: Emulator) => ownMessages(e).map((x) => ({ ...x, m: x.index }));

test.describe('emulator scoping: service, conversation and message', () => {
  test('a list holds exactly the receipts of the message in the path, under the scope of its service', async ({
    emulator: emu,
  }) => {
    for (const { m, isDefault } of own(emu)) {
      const first =
        messagePath(emu, m, isDefault ? 'default' : 'service') + `?PageSize=${contract.paging.pageSize.max}`;
      expect((await listAll(emu, first)).map((r) => r.sid)).toEqual(messageReceipts(emu, m));
    }
  });

  test('no receipt is reachable through another message, conversation or service path', async ({ emulator: emu }) => {
    const list = own(emu);
    for (const { m } of list) {
      // A sample over each message (its first and last included): the group messages hold hundreds alike.
      for (const sid of spread(messageReceipts(emu, m), SAMPLE)) {
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
      for (const sid of spread(messageReceipts(emu, m), SAMPLE))
        expect((await send(emu, messagePath(emu, m, 'default', sid))).status).toBe(404);
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
    const mine = ownMessages(emu);
    for (const { name, conversation } of conversationNames(emu)) {
      const m = mine.find((x) => x.conversation === conversation);
      if (!m) continue; // another account's conversation
      const path = contract.paths.build('list', 'service', {
        ChatServiceSid: m.serviceSid,
        ConversationSid: name,
        MessageSid: m.sid,
      });
      expect((await send(emu, path)).status).toBe(200);
      const otherService = mine.find((x) => x.service !== m.service)!;
      const wrong = contract.paths.build('list', 'service', {
        ChatServiceSid: otherService.serviceSid,
        ConversationSid: name,
        MessageSid: m.sid,
      });
      expect((await send(emu, wrong)).status).toBe(404);
    }
  });
});
