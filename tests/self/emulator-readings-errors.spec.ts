import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { SLOW_MS } from '../../emulator/readings.js';
import type { Emulator, ReadingName } from '../../emulator/server.js';
import { withOptions } from './with-emulator.js';
import { messagePath, send, targetList, twilioErrorProblem, type EmulatorAnswer } from './emulator-http.js';
import { advertisedConversation, advertisedMessage, conversationNames, messageReceipts } from './emulator-queries.js';

interface Page {
  delivery_receipts: Record<string, unknown>[];
  meta: Record<string, unknown>;
}

/** Runs a test body against a fresh emulator playing some readings, and stops it. */
const withEmu = (readings: ReadingName[], body: (e: Emulator) => Promise<void>) => withOptions({ readings }, body);

test.describe('emulator reading error-detail', () => {
  test('every error body carries detail "" and still validates; without the reading there is none', async () => {
    const m = (e: Emulator): number => advertisedMessage(e);
    const unknown = (e: Emulator): string =>
      messagePath(e, m(e), 'service', messageReceipts(e, m(e))[0].replace(/.$/, 'x'));
    const errors = async (e: Emulator): Promise<EmulatorAnswer[]> => [
      await send(e, targetList(e.target), null),
      await send(e, unknown(e)),
      await send(e, targetList(e.target, 'PageSize=abc')),
    ];
    await withEmu(['error-detail'], async (e) => {
      for (const a of await errors(e)) {
        expect(twilioErrorProblem(a)).toBe('');
        expect((a.json as Record<string, unknown>).detail, `${a.status}`).toBe('');
      }
    });
    await withEmu(['twilio-links'], async (e) => {
      for (const a of await errors(e)) expect(a.json as object).not.toHaveProperty('detail');
    });
  });
});

test.describe('emulator reading slow', () => {
  test(`every answer comes at least ${SLOW_MS} ms late`, async () => {
    await withEmu(['slow'], async (e) => {
      for (const path of [targetList(e.target), '/nothing']) {
        const t0 = performance.now();
        await send(e, path);
        // a lower bound only: a timer never fires early, so this cannot flake on a slow machine
        expect(performance.now() - t0).toBeGreaterThanOrEqual(SLOW_MS - 1);
      }
    });
  });
});

test.describe('emulator: a conversation addressed by its unique name', () => {
  test('create() gives the unique names of the advertised conversations', async () => {
    await withEmu(['twilio-links'], async (e) => {
      const nameOf = (c: number): string | undefined => conversationNames(e).find((x) => x.conversation === c)?.name;
      expect(e.conversationName).toBe(nameOf(advertisedConversation(e)));
      expect(e.conversationName).toBeTruthy();
      expect(e.defaultConversationName).toBeTruthy();
    });
  });

  for (const scope of ['service', 'default'] as const) {
    test(`lists and fetches by unique name in the ${scope} scope name the conversation by its SID everywhere`, async () => {
      await withEmu(['twilio-links'], async (e) => {
        const t = e.target;
        const [sid, name, message] =
          scope === 'service'
            ? [t.conversationSid, e.conversationName, t.messageSid]
            : [t.defaultConversationSid, e.defaultConversationName, t.defaultMessageSid];
        const params = (conv: string) => ({
          ChatServiceSid: t.serviceSid,
          ConversationSid: conv,
          MessageSid: String(message),
        });
        const path = (conv: string, q: string): string => contract.paths.build('list', scope, params(conv)) + q;
        for (const q of ['?PageSize=2', '?PageSize=2&Page=1']) {
          const [byName, bySid] = [await send(e, path(String(name), q)), await send(e, path(String(sid), q))];
          expect(byName.status, byName.text).toBe(200);
          expect((byName.json as Page).delivery_receipts).toEqual((bySid.json as Page).delivery_receipts);
          const meta = (byName.json as Page).meta;
          for (const k of ['first_page_url', 'url', 'previous_page_url', 'next_page_url']) {
            if (meta[k] !== null) expect(String(meta[k]), k).toContain(`/${String(sid)}/`);
          }
        }
        const item = ((await send(e, path(String(sid), ''))).json as Page).delivery_receipts[0];
        const fetched = await send(
          e,
          contract.paths.build('fetch', scope, { ...params(String(name)), Sid: String(item.sid) }),
        );
        expect(fetched.json).toEqual(item);
        expect((fetched.json as Record<string, unknown>).conversation_sid).toBe(sid);
      });
    });
  }
});
