import { expect, test } from '../../fixtures/test.js';
import { contract, type Status } from '../../spec/contract.js';
import { assess, checks, type CheckContext, type Exchange } from '../../spec/checks/index.js';
import { copies, ctxFor, example, exchange, fetched, fetchPath, exampleListPath, sid, sidOf } from './exchanges.js';

type Json = Record<string, unknown>;
const check = checks.find((c) => c.name === 'receipt_consistent')!;
const life = contract.receipts.lifecycle;
const { statusValues } = contract.receipts;
/** Statuses read from the spec's lifecycle, never written here: one with a chain of two moves, and a terminal one. */
const start = statusValues.find((v) => life.next(v).some((n) => life.next(n).length > 0)) as Status;
const middle = life.next(start).find((n) => life.next(n).length > 0) as Status;
const end = life.next(middle)[0];
const terminal = life.later(start).find((v) => life.next(v).length === 0 && v !== end) as Status;
const moving = life.with[0];
const [t0, t1, t2] = ['2024-05-02T12:00:00Z', '2024-05-02T12:01:00Z', '2024-05-02T12:02:00Z'];

/** The example receipt at a status and date_updated, with other changes. */
function receiptAt(status: Status, date: string | null, change: (r: Json) => void = () => undefined): Json {
  const r = Object.assign(example('ServiceReceipt'), { status, [life.date]: date, [moving]: 0 });
  change(r);
  return r;
}
/** A fetch answering `now`, judged against the copy `before` seen in the list. */
const fetchOf = (before: Json, now: Json): [Exchange, CheckContext] => [
  exchange(fetchPath(before), 200, now),
  ctxFor('receipt', { known: copies(before) }),
];
/** A page holding `now`, judged against the copy `before` seen on an earlier page. */
function pageOf(before: Json, now: Json): [Exchange, CheckContext] {
  const p = example('ServiceReceiptPage') as Json & { delivery_receipts: Json[] };
  p.delivery_receipts = [now];
  return [exchange(exampleListPath('PageSize=1'), 200, p), ctxFor('page', { known: copies(before) })];
}
const found = ([ex, ctx]: [Exchange, CheckContext]) =>
  assess(ex, contract, ctx, [check]).violations.map((v) => [v.check, v.pointer]);

test.describe('receipt_consistent: a receipt seen twice may only have moved forward along the lifecycle', () => {
  const moves: [string, [Exchange, CheckContext]][] = [
    ['the same copy', fetchOf(receiptAt(start, t0), receiptAt(start, t0))],
    ['the same instant written +00:00', fetchOf(receiptAt(middle, t1), receiptAt(middle, t1.replace('Z', '+00:00')))],
    ['one step on, with a later date', fetchOf(receiptAt(start, null), receiptAt(middle, t1))],
    ['two steps on at once (a state in between unseen)', fetchOf(receiptAt(start, t0), receiptAt(end, t2))],
    ['the same state, touched later', fetchOf(receiptAt(middle, t0), receiptAt(middle, t1))],
    [
      `a move to ${String(terminal)} bringing its ${moving}`,
      fetchOf(
        receiptAt(start, t0),
        receiptAt(terminal, t1, (r) => (r[moving] = 30003)),
      ),
    ],
    ['on a later page of a walk, moved on', pageOf(receiptAt(start, t0), receiptAt(end, t1))],
  ];
  for (const [what, ex] of moves) test(`accepts ${what}`, () => expect(found(ex)).toEqual([]));

  const broken: [string, [Exchange, CheckContext], string][] = [
    ['a state that moves back', fetchOf(receiptAt(middle, t0), receiptAt(start, t1)), '/status'],
    ['a move out of a terminal state', fetchOf(receiptAt(terminal, t0), receiptAt(start, t1)), '/status'],
    ['a move without a later date_updated', fetchOf(receiptAt(start, t1), receiptAt(middle, t1)), `/${life.date}`],
    ['a move that loses its date_updated', fetchOf(receiptAt(start, t1), receiptAt(middle, null)), `/${life.date}`],
    ['date_updated going back', fetchOf(receiptAt(middle, t1), receiptAt(middle, t0)), `/${life.date}`],
    [
      'another field changed along a move',
      fetchOf(
        receiptAt(start, t0),
        receiptAt(middle, t1, (r) => (r.participant_sid = sidOf('participant_sid', 'b'))),
      ),
      '/participant_sid',
    ],
    [
      `${moving} changed while the state stays`,
      fetchOf(
        receiptAt(middle, t0),
        receiptAt(middle, t1, (r) => (r[moving] = 30003)),
      ),
      `/${moving}`,
    ],
    [
      'a walk page whose receipt moved back',
      pageOf(receiptAt(end, t1), receiptAt(start, t2)),
      '/delivery_receipts/0/status',
    ],
  ];
  for (const [what, ex, at] of broken)
    test(`names ${what} at ${at}`, () => expect(found(ex)).toEqual([['receipt_consistent', at]]));

  test('names both copies: the earlier one by the request that listed it, the later one by its own request', () => {
    const before = receiptAt(middle, t1);
    const [ex, ctx] = fetchOf(before, receiptAt(start, t2));
    const [v] = assess(ex, contract, ctx, [check]).violations;
    expect(v.message).toContain(
      `${JSON.stringify(middle)} (seen in GET ${exampleListPath()}) became ${JSON.stringify(start)}`,
    );
    expect(v.request).toBe(`GET ${fetchPath(before)}`);
  });

  test('compares a fetch with the copy its path asks for, even when it answers another receipt', () => {
    const before = receiptAt(start, t0);
    const other = fetched((r) => Object.assign(r, { sid: sid('b'), status: start, [life.date]: t0 }));
    const [ex] = fetchOf(before, before);
    const swapped = { ...other, request: ex.request };
    expect(found([swapped, ctxFor('receipt', { known: copies(before) })])).toContainEqual([
      'receipt_consistent',
      '/sid',
    ]);
  });
});
