import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { formatViolation } from '../../spec/violation.js';
import { messagePath, send } from './emulator-http.js';
import { advertisedMessage, ownMessages } from './emulator-queries.js';

interface Page {
  delivery_receipts: Record<string, unknown>[];
  meta: Record<string, unknown>;
}

test.describe('emulator serves the contract', () => {
  test('every page and every receipt it serves validates against the spec, in both scopes', async ({
    emulator: emu,
  }) => {
    const problems: string[] = [];
    for (const { index: m, isDefault } of ownMessages(emu)) {
      const scopes = isDefault ? (['default', 'service'] as const) : (['service'] as const);
      for (const scope of scopes) {
        const a = await send(emu, messagePath(emu, m, scope) + '?PageSize=3');
        expect(a.type).toBe('application/json');
        const page = a.json as Page;
        problems.push(
          ...contract.validate(scope === 'service' ? 'ServiceReceiptPage' : 'ReceiptPage', page).map(formatViolation),
        );
        for (const item of page.delivery_receipts) {
          expect(item.url).toBe(contract.paths.receiptUrl(emu.publicUrl, item, scope));
          const f = await send(emu, messagePath(emu, m, scope, String(item.sid)));
          problems.push(
            ...contract.validate(scope === 'service' ? 'ServiceReceipt' : 'Receipt', f.json).map(formatViolation),
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("Twilio's documented examples and the served receipts have the same fields", async ({ emulator: emu }) => {
    const example = (contract.doc as { components: { examples: Record<string, { value: object }> } }).components
      .examples.ServiceReceipt.value;
    const page = (await send(emu, messagePath(emu, advertisedMessage(emu), 'service'))).json as Page;
    expect(Object.keys(page.delivery_receipts[0]).sort()).toEqual(Object.keys(example).sort());
  });
});
