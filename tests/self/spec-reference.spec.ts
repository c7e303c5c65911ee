import { readFileSync } from 'node:fs';
import { test, expect } from '../../fixtures/test.js';
import { parse } from 'yaml';
import { contract } from '../../spec/contract.js';
import { compareSpecs, type SpecDifference } from '../../spec/reference-compare.js';

const read = (rel: string) => parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
const twilio = read('../../spec/reference/twilio_conversations_v1.receipts.yaml');
const listed = read('../../spec/reference-differences.yaml') as {
  where: string[];
  property: string;
  ours: unknown;
  twilio: unknown;
  reason: string;
}[];

/** YAML null stands for "absent" in the differences file. */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const matches = (pattern: string, where: string) =>
  pattern.endsWith('.*') ? where.startsWith(pattern.slice(0, -1)) : pattern === where;
const explains = (entry: (typeof listed)[number], d: SpecDifference) =>
  entry.property === d.property &&
  same(entry.ours, d.ours) &&
  same(entry.twilio, d.twilio) &&
  entry.where.some((w) => matches(w, d.where));
const describe = (d: SpecDifference) =>
  `${d.where} ${d.property}: ours ${JSON.stringify(d.ours)}, Twilio ${JSON.stringify(d.twilio)}`;

test.describe("spec against Twilio's official OpenAPI excerpt", () => {
  const diffs = compareSpecs(contract.doc, twilio);

  test('differs only where reference-differences.yaml says why', () => {
    const unexplained = diffs.filter((d) => !listed.some((e) => explains(e, d))).map(describe);
    expect(unexplained, "differences from Twilio's spec not listed in spec/reference-differences.yaml").toEqual([]);
  });

  test('every listed difference still exists', () => {
    const stale = listed.flatMap((e) =>
      e.where.filter((w) => !diffs.some((d) => explains({ ...e, where: [w] }, d))).map((w) => `${w} ${e.property}`),
    );
    expect(stale, 'entries of spec/reference-differences.yaml that no longer differ').toEqual([]);
  });

  test('every listed difference gives a reason', () => {
    expect(listed.filter((e) => !e.reason || e.reason.length < 20).map((e) => e.where.join(','))).toEqual([]);
  });

  test('agrees on SID patterns, types, formats and enum values of every receipt field', () => {
    const core = diffs.filter(
      (d) =>
        /receipt\./.test(d.where) &&
        ['pattern', 'type', 'format', 'enum', 'minLength', 'maxLength'].includes(d.property) &&
        d.where !== 'service-receipt.url' &&
        d.where !== 'default-receipt.url',
    );
    expect(core.map(describe)).toEqual([]);
  });

  test('the comparison bites: a changed prefix in our spec is reported', () => {
    const mutated = structuredClone(contract.doc) as {
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    mutated.components.schemas.ReceiptSid.pattern = '^DZ[0-9a-fA-F]{32}$';
    const found = compareSpecs(mutated, twilio).filter(
      (d) => d.property === 'pattern' && d.where.endsWith('receipt.sid'),
    );
    expect(found.map((d) => d.where).sort()).toEqual(['default-receipt.sid', 'service-receipt.sid']);
  });
});

test('the vendored reference equals ../shared/reference when that folder is present', () => {
  let shared: string;
  try {
    shared = readFileSync(
      new URL('../../../shared/reference/twilio_conversations_v1.receipts.yaml', import.meta.url),
      'utf8',
    );
  } catch {
    test.skip(true, 'no ../shared/reference beside this clone');
    return;
  }
  expect(
    readFileSync(new URL('../../spec/reference/twilio_conversations_v1.receipts.yaml', import.meta.url), 'utf8'),
  ).toBe(shared);
});
