import { expect, test } from '../../fixtures/test.js';
import { checks } from '../../spec/checks/index.js';
import { contract } from '../../spec/contract.js';
import { parseKnown } from '../../conformance/known-deviations.js';
import { UsageError } from '../../client/usage-error.js';
import { applyKnown, covers, isExpired, pointerMatches } from '../../conformance/known-match.js';
import type { RecordedViolation } from '../../conformance/record-types.js';

const check = checks[0].name;
const [op] = contract.paths.operations;
const yaml = (entry: string) => `known:\n  - check: ${check}\n    reason: accepted\n${entry}`;

/** Malformed entries and the words their one-line error must hold. */
const bad: { name: string; text: string; says: string }[] = [
  {
    name: 'an unknown key',
    text: yaml('    because: x\n'),
    says: 'entry 1 (check ' + check + '): unknown key "because"',
  },
  {
    name: 'an operation outside the spec',
    text: yaml('    operation: delete\n'),
    says: `operation must be one of ${[...new Set(contract.paths.operations.map((o) => o.name))].join(', ')}`,
  },
  { name: 'a scope outside the spec', text: yaml('    scope: global\n'), says: 'scope must be one of' },
  {
    name: 'a pointer without a leading slash',
    text: yaml('    pointer: meta/key\n'),
    says: 'pointer must be a JSON pointer',
  },
  {
    name: 'a date that does not exist',
    text: yaml('    expires: 2026-02-30\n'),
    says: 'expires must be a date YYYY-MM-DD; received "2026-02-30"',
  },
  {
    name: 'a number where a string belongs',
    text: yaml('    pointer: 5\n'),
    says: 'pointer must be a string; received 5',
  },
  { name: 'an entry that is not a mapping', text: 'known:\n  - just text\n', says: 'entry 1: must be a mapping' },
  { name: 'broken YAML', text: 'known: [\n', says: 'not valid YAML' },
  { name: 'nothing in it', text: '', says: 'must hold a list under known:' },
];

test.describe('known-deviations file', () => {
  test('a valid file gives its entries as written', () => {
    const file = parseKnown(
      yaml(`    operation: ${op.name}\n    scope: ${op.scope}\n    pointer: /a/*/b\n    expires: 2030-01-31\n`),
      'k.yaml',
    );
    expect(file.entries).toEqual([
      { check, reason: 'accepted', operation: op.name, scope: op.scope, pointer: '/a/*/b', expires: '2030-01-31' },
    ]);
  });

  for (const b of bad) {
    test(`a file with ${b.name} is refused with one line naming the file and what is wrong`, () => {
      let error: unknown;
      try {
        parseKnown(b.text, 'k.yaml');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      const message = (error as Error).message;
      expect(message.startsWith('k.yaml')).toBe(true);
      expect(message).toContain(b.says);
      expect(message).not.toContain('\n');
    });
  }
});

const v = (over: Partial<RecordedViolation> = {}): RecordedViolation => ({
  check,
  pointer: '/delivery_receipts/0/status',
  message: 'm',
  operation: 'list',
  scope: 'service',
  ...over,
});

test.describe('which violations a known entry covers', () => {
  const cases: { name: string; pattern: string; pointer: string; matches: boolean }[] = [
    { name: 'an exact pointer', pattern: '/meta/key', pointer: '/meta/key', matches: true },
    {
      name: 'a star for one segment',
      pattern: '/delivery_receipts/*/status',
      pointer: '/delivery_receipts/3/status',
      matches: true,
    },
    {
      name: 'a star for two segments',
      pattern: '/delivery_receipts/*',
      pointer: '/delivery_receipts/3/status',
      matches: false,
    },
    {
      name: 'another field',
      pattern: '/delivery_receipts/*/sid',
      pointer: '/delivery_receipts/3/status',
      matches: false,
    },
    { name: 'the whole response', pattern: '', pointer: '', matches: true },
  ];
  for (const c of cases) {
    test(`a pointer pattern with ${c.name} ${c.matches ? 'matches' : 'does not match'}`, () => {
      expect(pointerMatches(c.pattern, c.pointer)).toBe(c.matches);
    });
  }

  test('an entry narrows by check, operation and scope only where it names them', () => {
    expect(covers({ check, reason: 'r' }, v())).toBe(true);
    expect(covers({ check: checks[1].name, reason: 'r' }, v())).toBe(false);
    expect(covers({ check, operation: 'fetch', reason: 'r' }, v())).toBe(false);
    expect(covers({ check, scope: 'default', reason: 'r' }, v())).toBe(false);
    expect(
      covers({ check, operation: 'list', scope: 'service', pointer: '/delivery_receipts/*/status', reason: 'r' }, v()),
    ).toBe(true);
  });

  test('an expired entry covers nothing, and the last day of an entry still counts', () => {
    const entries = [
      { check, reason: 'old', expires: '2026-03-01' },
      { check, reason: 'new', expires: '2026-03-02' },
    ];
    expect(isExpired(entries[0], '2026-03-01')).toBe(false);
    expect(isExpired(entries[0], '2026-03-02')).toBe(true);
    expect(applyKnown([v()], entries, '2026-03-02').map((x) => x.known)).toEqual([1]);
    expect(applyKnown([v()], entries, '2026-03-03').map((x) => x.known)).toEqual([undefined]);
  });
});
