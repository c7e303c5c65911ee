import { expect, test } from '../../fixtures/test.js';
import { contract, type Scope } from '../../spec/contract.js';
import { LIVE_EVERY } from '../../emulator/readings.js';
import { create, type Emulator } from '../../emulator/server.js';
import { defaultTargetMessage } from '../../emulator/store.js';
import { advertisedMessage } from './emulator-queries.js';
import { listAll, messagePath, pathOf, send } from './emulator-http.js';

type Json = Record<string, unknown>;
const life = contract.receipts.lifecycle;
const { max } = contract.paging.pageSize;

/** Every receipt of a message in a scope, walking its pages at the maximum size. */
const wholeList = (e: Emulator, message: number, scope: Scope): Promise<Json[]> =>
  listAll(e, `${messagePath(e, message, scope)}?PageSize=${max}`);

/** The messages the suite is pointed at, with the scope of their paths. */
const advertised = (e: Emulator): [number, Scope][] => [
  [advertisedMessage(e), 'service'],
  [defaultTargetMessage(e.store), 'default'],
];

test.describe('emulator reading live: receipts move forward while a client looks', () => {
  test('moves receipts of both scopes to a later state with a later date_updated; order and other fields stay', async () => {
    const e = await create({ port: 0, readings: ['live'] });
    try {
      for (const [message, scope] of advertised(e)) {
        const before = await wholeList(e, message, scope);
        // Requests for the message make it move: one in LIVE_EVERY moves one receipt.
        for (const r of before.slice(0, 3 * LIVE_EVERY)) await send(e, pathOf(String(r.url)));
        const after = await wholeList(e, message, scope);
        expect(
          after.map((r) => r.sid),
          `${scope}: the order of the list`,
        ).toEqual(before.map((r) => r.sid));
        const moved = after.filter((r, i) => r.status !== before[i].status);
        expect(moved.length, `${scope}: receipts that moved`).toBeGreaterThanOrEqual(3);
        after.forEach((r, i) => {
          const was = before[i];
          const { status, [life.date]: date, ...rest } = r;
          const { status: wasStatus, [life.date]: wasDate, ...wasRest } = was;
          expect(rest, `${String(r.sid)}: every other field`).toEqual(wasRest);
          if (status === wasStatus) return expect(date).toEqual(wasDate);
          expect(life.isLater(wasStatus, status), `${String(wasStatus)} -> ${String(status)}`).toBe(true);
          expect(Date.parse(String(date))).toBeGreaterThan(wasDate === null ? -Infinity : Date.parse(String(wasDate)));
        });
      }
    } finally {
      await e.stop();
    }
  });

  test('leaves the shared data set alone: an emulator without live still serves the seed as it is', async () => {
    const [live, still] = [await create({ port: 0, readings: ['live'] }), await create({ port: 0 })];
    try {
      const message = advertisedMessage(still);
      const seed = await wholeList(still, message, 'service');
      for (let i = 0; i < 10 * LIVE_EVERY; i++) await send(live, `${messagePath(live, message, 'service')}?PageSize=1`);
      expect(await wholeList(live, message, 'service')).not.toEqual(seed);
      expect(await wholeList(still, message, 'service')).toEqual(seed);
    } finally {
      await Promise.all([live.stop(), still.stop()]);
    }
  });
});
