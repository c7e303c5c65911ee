import { readFileSync } from 'node:fs';
import { test, expect } from '../../fixtures/test.js';
import { parse } from 'yaml';
import { contract, type SchemaName } from '../../spec/contract.js';

type Json = Record<string, unknown>;
const twilio = parse(
  readFileSync(new URL('../../spec/reference/twilio_conversations_v1.receipts.yaml', import.meta.url), 'utf8'),
) as Json;

/** Twilio's documented 200 examples, by operationId, with the schema of ours that should accept them. */
function twilioExamples(): { operationId: string; schema: SchemaName; value: Json }[] {
  return Object.values(twilio.paths as Record<string, Json>).map((item) => {
    const get = item.get as Json;
    const content = ((get.responses as Json)['200'] as Json).content as Json;
    const examples = (content['application/json'] as Json).examples as Record<string, { value: Json }>;
    const op = contract.paths.operation(get.operationId as string);
    const schema =
      `${op.scope === 'service' ? 'Service' : ''}${op.name === 'list' ? 'ReceiptPage' : 'Receipt'}` as SchemaName;
    return { operationId: op.operationId, schema, value: Object.values(examples)[0].value };
  });
}

const example = twilioExamples().find((e) => e.schema === 'ServiceReceipt')!.value;
const sidOf = (field: Parameters<typeof contract.sids.prefix>[0], other: string) =>
  other + (example[field] as string).slice(2);

test.describe("contract: Twilio's official examples", () => {
  for (const { operationId, schema, value } of twilioExamples()) {
    test(`${operationId} example passes ${schema}`, () => {
      expect(contract.validate(schema, value)).toEqual([]);
    });
  }
  test('the documented error examples pass their own error schemas', () => {
    for (const status of [400, 401, 404, 405, 429])
      expect(contract.errors.validate(status, contract.errors.example(status))).toEqual([]);
  });
});

const broken: { name: string; change: (r: Json) => void; pointer: string; rule: string }[] = [
  {
    name: 'a wrong SID prefix',
    change: (r) => (r.sid = sidOf('sid', contract.sids.prefix('message_sid')!)),
    pointer: '/sid',
    rule: 'pattern',
  },
  {
    name: 'a SID one digit short',
    change: (r) => (r.participant_sid = (r.participant_sid as string).slice(0, -1)),
    pointer: '/participant_sid',
    rule: 'pattern',
  },
  { name: 'a status outside the enum', change: (r) => (r.status = 'seen'), pointer: '/status', rule: 'enum' },
  { name: 'error_code as a string', change: (r) => (r.error_code = '3000'), pointer: '/error_code', rule: 'type' },
  { name: 'a missing field', change: (r) => delete r.participant_sid, pointer: '/participant_sid', rule: 'required' },
  {
    name: 'null where the documentation allows none',
    change: (r) => (r.account_sid = null),
    pointer: '/account_sid',
    rule: 'type',
  },
  {
    name: 'a date that is not RFC 3339',
    change: (r) => (r.date_created = '2016-03-24 20:37:57'),
    pointer: '/date_created',
    rule: 'format',
  },
  { name: 'a relative url', change: (r) => (r.url = '/v1/Services/x'), pointer: '/url', rule: 'format' },
  {
    name: 'a channel_message_sid of three letters',
    change: (r) => (r.channel_message_sid = 'SMS' + (r.channel_message_sid as string).slice(3)),
    pointer: '/channel_message_sid',
    rule: 'pattern',
  },
];

test.describe('contract: broken receipts are reported with their JSON pointer', () => {
  for (const { name, change, pointer, rule } of broken) {
    test(`reports ${name} at ${pointer}, as a ${rule} violation`, () => {
      const receipt = structuredClone(example);
      change(receipt);
      const found = contract.validate('ServiceReceipt', receipt, 'receipt_schema');
      expect(found.map((v) => [v.check, v.pointer, v.message.split(':')[0]])).toContainEqual([
        'receipt_schema',
        pointer,
        rule,
      ]);
    });
  }

  test('a broken item of a page is reported at its index', () => {
    const page = structuredClone(twilioExamples().find((e) => e.schema === 'ServiceReceiptPage')!.value);
    (page.delivery_receipts as Json[])[2].status = 'seen';
    (page.meta as Json).key = 'receipts';
    const found = contract.validate('ServiceReceiptPage', page).map((v) => v.pointer);
    expect(found).toEqual(['/delivery_receipts/2/status', '/meta/key']);
  });

  test('accepts null where the documentation allows it', () => {
    const receipt = { ...example, status: null, date_updated: null, channel_message_sid: null };
    expect(contract.validate('ServiceReceipt', receipt)).toEqual([]);
  });

  test('a message says the rule, what was expected and what came back', () => {
    const [v] = contract.validate('ServiceReceipt', { ...example, status: 'seen' });
    const allowed = contract.receipts.statusValues.map((s) => (s === null ? 'null' : s)).join('|');
    expect(v.message).toBe(`enum: expected one of ${allowed}, received "seen"`);
  });
});

test.describe('contract: facts read from the spec', () => {
  test("builds the canonical receipt URL from the receipt's own SIDs", () => {
    expect(contract.paths.receiptUrl('https://conversations.twilio.com', example, 'service')).toBe(example.url);
  });

  test('matches every path template and rejects others', () => {
    for (const op of contract.paths.operations) {
      const path = contract.paths.build(op.name, op.scope, {
        ChatServiceSid: 'a',
        ConversationSid: 'b',
        MessageSid: 'c',
        Sid: 'd',
      });
      expect(contract.paths.match(path)?.op.operationId).toBe(op.operationId);
    }
    expect(contract.paths.match('/v1/Services/a/Conversations/b/Messages/c/Receipts/d/e')).toBeNull();
  });

  test('lists as SID fields the receipt fields whose pattern fixes a prefix, each carried by the example', () => {
    // every *_sid field of the example but the channel's (its prefix depends on the channel)
    const sidFields = Object.keys(example).filter((k) => /(^|_)sid$/.test(k) && k !== 'channel_message_sid');
    expect([...contract.sids.fields].sort()).toEqual(sidFields.sort());
    for (const f of contract.sids.fields) expect(contract.sids.prefix(f)).toBe((example[f] as string).slice(0, 2));
    expect(contract.sids.prefix('channel_message_sid')).toBeNull();
    expect(contract.sids.fields).not.toContain('channel_message_sid');
  });

  test('derives SID prefixes and lengths from the patterns', () => {
    expect(contract.sids.prefix('sid')).toBe((example.sid as string).slice(0, 2));
    expect(contract.sids.prefix('channel_message_sid')).toBeNull();
    expect(contract.sids.length('sid')).toBe((example.sid as string).length);
    expect(contract.sids.pattern('account_sid').test(example.account_sid as string)).toBe(true);
  });
});
