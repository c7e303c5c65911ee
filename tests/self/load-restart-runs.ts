import { expect, test } from '../../fixtures/test.js';
import { unreconciled } from '../../load/send/outcomes.js';
import type { ScenarioResult } from '../../load/result/scenario-result.js';
import {
  runFetch,
  withRestarts,
  type PairOptions,
  type PairRecord,
  type Restarted,
  type RestartPlan,
} from './load-pair-stub.js';

/** Receipts the pairing stub serves, each at its own path. */
const RECEIPTS = 120;

/** The modes a restart is run in: name, scenario keys, and requests each connection keeps in flight. */
export const MODES = [
  ['closed loop', 'connections: 6', 1],
  ['closed loop, pipelining 4', 'connections: 4, pipelining: 4', 4],
  ['open loop', 'mode: open, rate: 600, connections: 6', 1],
] as const;

/** The stub processes' records added up. */
export function total(records: PairRecord[]): Omit<PairRecord, 'serviceMs' | 'lagMs'> {
  const sum = (k: 'received' | 'answered' | 'held' | 'swapped' | 'afterClose'): number =>
    records.reduce((n, r) => n + r[k], 0);
  return {
    received: sum('received'),
    answered: sum('answered'),
    held: sum('held'),
    swapped: sum('swapped'),
    afterClose: sum('afterClose'),
  };
}

/** Runs one fetch scenario (YAML keys, every answer judged) against a pairing stub restarted per the plan. */
export const restarted = (
  keys: string,
  plan: RestartPlan,
  o: Partial<PairOptions> = {},
): Promise<Restarted<ScenarioResult>> => withRestarts(RECEIPTS, o, plan, (a) => runFetch(a, keys));

/** One line: the tool's buckets next to the stub's own counts. */
export function bucketsLine(r: ScenarioResult, records: PairRecord[]): string {
  const tool = { ...r.outcomes, sent: r.requests.sent, invalid: r.mismatches, sampled: r.sampled };
  return `${records.length - 1} restarts; tool ${JSON.stringify(tool)}; stub ${JSON.stringify(total(records))}`;
}

/** The tool's buckets against the stub's own count: exact, and every answer judged against its own request. */
export function expectExact(r: ScenarioResult, records: PairRecord[]): void {
  const stub = total(records);
  const o = r.outcomes;
  test.info().annotations.push({ type: 'buckets', description: bucketsLine(r, records) });
  expect(unreconciled(o, r.requests.sent), r.notes.join('\n')).toBeNull();
  const tool = { answered: o.answered, sent: r.requests.sent, failed_after_send: o.failed_after_send };
  expect(tool).toEqual({ answered: stub.answered, sent: stub.received, failed_after_send: stub.held });
  expect({ timed_out: o.timed_out, unpaired: o.unpaired, sampled: r.sampled }).toEqual({
    ...{ timed_out: 0, unpaired: 0 },
    sampled: o.answered,
  });
  expect(r.mismatches, r.invalid_examples.join('\n')).toBe(stub.swapped);
}
