import { expect, test } from '../../fixtures/test.js';
import { describeViolations, toConform } from '../../fixtures/to-conform.js';
import type { Violation } from '../../spec/violation.js';

const request = 'GET /v1/Services/IS1/Conversations/CH1/Messages/IM1/Receipts?PageSize=2';
const violation: Violation = {
  check: 'receipt_schema',
  pointer: '/delivery_receipts/0/status',
  message: 'enum: expected one of read|sent|null, received "seen"',
  request,
};

test.describe('expect(...).toConform(): the one failure format', () => {
  test('one line per violation: [check] /pointer: message (request)', () => {
    const text = describeViolations([violation, { ...violation, pointer: '/delivery_receipts/1/status' }]);
    expect(text.split('\n')).toEqual([
      `[receipt_schema] /delivery_receipts/0/status: enum: expected one of read|sent|null, received "seen" (${request})`,
      `[receipt_schema] /delivery_receipts/1/status: enum: expected one of read|sent|null, received "seen" (${request})`,
    ]);
  });

  test('the lines are followed by the body of the first offending response, capped near 1000 characters', () => {
    const text = describeViolations([violation], { [request]: 'x'.repeat(5000) });
    const lines = text.split('\n');
    expect(lines[2]).toBe(`Response body of ${request}:`);
    expect(lines[3]).toBe('x'.repeat(1000) + '…');
  });

  test('passes on an empty list and fails with the count and the lines otherwise', async () => {
    expect((await toConform.call({ isNot: false }, [])).pass).toBe(true);
    const result = await toConform.call({ isNot: false }, { violations: [violation], bodies: {}, annotations: [] });
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      `1 contract violation(s):\n[receipt_schema] /delivery_receipts/0/status: enum: expected one of read|sent|null, received "seen" (${request})`,
    );
  });
});
