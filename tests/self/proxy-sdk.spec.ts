import { test, expect } from '../../fixtures/test.js';
import type { Violation } from '../../spec/violation.js';
import { sdkMessage, sdkThrough, startRig, type Rig } from './proxy-setup.js';

/** Drives the SDK through every operation: list (several pages), page, fetch, in both scopes. */
async function useSdk(rig: Rig): Promise<number> {
  const t = rig.emulator.target;
  const client = sdkThrough(rig);
  const messages = sdkMessage(rig, client);
  const listed = await messages.deliveryReceipts.list({ pageSize: 2 });
  const page = await messages.deliveryReceipts.page({ pageSize: 1 });
  await page.nextPage();
  await messages.deliveryReceipts(listed[0].sid).fetch();
  if (t.defaultConversationSid && t.defaultMessageSid) {
    const inDefault = client.conversations.v1.conversations(t.defaultConversationSid).messages(t.defaultMessageSid);
    const own = await inDefault.deliveryReceipts.list({ pageSize: 2 });
    await inDefault.deliveryReceipts(own[0].sid).fetch();
  }
  return listed.length;
}

/** The checks named by violations. */
const named = (vs: Violation[]): string[] => [...new Set(vs.map((v) => v.check))];

test.describe('the validating proxy with the official twilio-node SDK as client', () => {
  test('lists, pages and fetches receipts through the proxy with zero violations against the emulator', async () => {
    const rig = await startRig();
    try {
      const listed = await useSdk(rig);
      // every receipt of the message, walked two a page
      const { store } = rig.emulator;
      expect(listed).toBe(store.messages.size[store.target.message]);
      const { summary } = rig.proxy;
      expect(summary.violations).toEqual([]);
      expect(rig.lines).toEqual([]);
      expect(summary.outside).toBe(0);
      for (const name of ['receipt_schema', 'page_schema', 'meta_urls', 'receipt_account_sid', 'receipt_path_sids'])
        expect(summary.status(name)).toBe('held');
      // the one receipt the SDK fetched in the default service
      expect(summary.tally('receipt_schema', 'fetch/default')).toEqual({ held: 1, broken: 0 });
    } finally {
      await rig.stop();
    }
  });

  test('a target under a base path (a gateway): every request goes under it, links are judged at it, zero violations', async () => {
    const rig = await startRig(undefined, {}, { basePath: '/twilio-api' });
    try {
      expect(rig.emulator.url).toMatch(/\/twilio-api$/);
      expect(await useSdk(rig)).toBe(rig.emulator.store.messages.size[rig.emulator.store.target.message]);
      expect(rig.proxy.summary.violations).toEqual([]);
      expect(rig.proxy.summary.status('meta_urls')).toBe('held');
      expect(rig.proxy.summary.status('receipt_url')).toBe('held');
    } finally {
      await rig.stop();
    }
  });

  const faults = [
    { fault: 'sid-prefix', check: 'receipt_schema' },
    { fault: 'meta-url-foreign', check: 'meta_urls' },
    { fault: 'account-mismatch', check: 'receipt_account_sid' },
  ] as const;
  for (const { fault, check } of faults) {
    test(`reports the emulator fault ${fault} as ${check}, live and in the summary`, async () => {
      const rig = await startRig(fault);
      try {
        await useSdk(rig).catch(() => undefined); // a broken answer may also break the SDK; the verdict is the proxy's
        expect(named(rig.proxy.summary.violations)).toContain(check);
        expect(rig.lines.some((l) => l.startsWith(`[${check}] `))).toBe(true);
      } finally {
        await rig.stop();
      }
    });
  }
});
