import { test, expect } from '../../fixtures/test.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '../../spec/contract.js';
import { loadSeed, SEED_FILE } from '../../emulator/seed.js';
import type { Store } from '../../emulator/store.js';

const store: Store = loadSeed();
const r = store.receipts;
const all = Array.from({ length: r.count }, (_, i) => i);

test.describe('seed data set (fixtures/seed.yaml)', () => {
  test('holds every documented status value, null included', () => {
    const seen = new Set(all.map((i) => contract.receipts.statusValues[r.status[i]]));
    for (const value of contract.receipts.statusValues) expect(seen.has(value), `status ${String(value)}`).toBe(true);
  });

  const needs: [string, () => boolean][] = [
    ['a receipt with an error_code', () => all.some((i) => r.error[i] !== 0)],
    ['a receipt never updated (date_updated null)', () => all.some((i) => r.updated[i] === 0)],
    ['a receipt without channel message (channel_message_sid null)', () => all.some((i) => r.channel[i] === 0)],
    ['at least two non-default services', () => store.services.filter((s) => !s.isDefault).length >= 2],
    [
      'more than one account, each with a default service',
      () => store.accounts.length >= 2 && store.accounts.every((a) => store.services[a.defaultService]?.isDefault),
    ],
    ['several conversations and messages', () => store.conversations.count >= 3 && store.messages.count >= 5],
    [
      'a default service with receipts',
      () => all.some((i) => store.services[store.conversations.service[store.messages.conv[r.msg[i]]]].isDefault),
    ],
    [
      'a target in a non-default service with receipts for several pages at small PageSize',
      () => !store.services[store.target.service].isDefault && store.messages.size[store.target.message] >= 7,
    ],
    [
      'a target message longer than two pages at the maximum PageSize (a group conversation)',
      () => store.messages.size[store.target.message] > 2 * contract.paging.pageSize.max,
    ],
  ];
  for (const [what, holds] of needs) test(`has ${what}`, () => expect(holds()).toBe(true));

  test('keeps SIDs stable: the same names give the same SIDs on every load', () => {
    const again = loadSeed();
    expect(again.receipts.sids.sid(0)).toBe(r.sids.sid(0));
    expect(again.accounts.map((a) => a.sid)).toEqual(store.accounts.map((a) => a.sid));
  });

  test('holds names, never prefixed SIDs', () => {
    const text = readFileSync(SEED_FILE, 'utf8');
    for (const field of contract.sids.fields) {
      expect(text).not.toMatch(new RegExp(contract.sids.pattern(field).source.replace(/^\^|\$$/g, '')));
    }
  });

  const broken: [string, (yaml: string) => string, RegExp][] = [
    [
      'a status outside the spec',
      (y) => y.replace(`status: ${String(contract.receipts.statusValues[0])}`, 'status: seen'),
      /status: "seen" is not one of/,
    ],
    [
      'a date that is not RFC 3339',
      (y) => y.replace('"2024-05-01T09:00:00Z"', '"yesterday"'),
      /created: expected an RFC 3339 date-time/,
    ],
    ['an unknown channel prefix', (y) => y.replace('channel: SM', 'channel: XY'), /channel: expected null or one of/],
    ['a missing field', (y) => y.replace('participant: ana, ', ''), /participant is required/],
    [
      'a group without a size',
      (y) => y.replace('participants: 137', 'participants: many'),
      /broadcast\.group\.participants: expected an integer from 1/,
    ],
    [
      'a group pattern with a bad status',
      (y) => y.replace('{ status: read, channel: WA, updated: 240 }', '{ status: seen, channel: WA, updated: 240 }'),
      /broadcast\[0\]\.status: "seen" is not one of/,
    ],
    ['a target that is not in the seed', (y) => y.replace('message: broadcast', 'message: nothing'), /target\.message/],
  ];
  for (const [what, edit, message] of broken) {
    test(`stops loading with a message naming the place of ${what}`, () => {
      const file = join(mkdtempSync(join(tmpdir(), 'seed-')), 'seed.yaml');
      writeFileSync(file, edit(readFileSync(SEED_FILE, 'utf8')));
      expect(() => loadSeed(file)).toThrow(message);
    });
  }
});
