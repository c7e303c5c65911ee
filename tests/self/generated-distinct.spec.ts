import fc from 'fast-check';
import { Api, defaultLimits } from '../../client/api.js';
import { expect, test, type Emulator } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { Coverage } from '../contract/generated/coverage.js';
import { explore, type FoundSoFar } from '../contract/generated/explore.js';
import { requestKey, type GenCase } from '../contract/generated/gen-case.js';
import { pageSizePlan } from '../contract/generated/page-size-cases.js';
import { otherSid } from '../contract/probes/other-sids.js';

/** A list case of the emulator's message at this PageSize (judged by the PageSize oracle, as the phase does). */
function sizeCase(e: Emulator, size: number): GenCase {
  const params = {
    ChatServiceSid: e.target.serviceSid,
    ConversationSid: e.target.conversationSid,
    MessageSid: e.target.messageSid,
  };
  const base = contract.paths.build('list', 'service', params);
  const raw = String(size);
  return {
    op: 'list',
    scope: 'service',
    family: 'page-size',
    kind: 'drawn',
    path: `${base}?PageSize=${raw}`,
    auth: 'valid',
    plan: pageSizePlan(contract, raw),
  };
}

/** Runs one exploration of `arb` against the emulator; the requests it sent, one key per request, in order. */
async function exploreSizes(e: Emulator, arb: fc.Arbitrary<GenCase>, budget: number, seed: number) {
  const api = new Api(e.target, otherSid(contract, 'account_sid', e.target.accountSid), {
    ...defaultLimits,
    maxRequests: budget,
  });
  const keys: string[] = [];
  const coverage = new Coverage();
  const add = coverage.add.bind(coverage);
  coverage.add = (c, status) => {
    keys.push(requestKey(c));
    add(c, status);
  };
  const seen: FoundSoFar = { found: new Map(), coverage, clean: new Set() };
  try {
    const sent = await explore(api, contract, arb, [], budget, seed, seen);
    return { sent, keys, distinct: coverage.distinct(), causes: seen.found.size };
  } finally {
    api.close();
  }
}

test.describe('Generated requests: the budget buys distinct requests', () => {
  const { min, max } = contract.paging.pageSize;

  for (const seed of [1, 2, 3]) {
    test(`sends no case twice while the generators still draw new ones (seed ${seed})`, async ({ emulator }) => {
      // fast-check draws the small sizes again and again (its bias): before, a quarter of a budget went on repeats.
      const arb = fc.integer({ min, max }).map((n) => sizeCase(emulator, n));
      const budget = Math.floor((max - min + 1) / 4);
      const run = await exploreSizes(emulator, arb, budget, seed);
      expect(run.causes, 'the correct emulator gives no violation').toBe(0);
      expect(run.sent, 'the whole budget is spent').toBe(budget);
      const twice = run.keys.filter((k, i) => run.keys.indexOf(k) !== i);
      expect(twice, `requests sent again although ${max - min + 1} sizes were there to draw`).toEqual([]);
    });
  }

  test('spends the whole budget once every case was sent, sending repeats only then', async ({ emulator }) => {
    const sizes = [min, min + 1, max - 1, max];
    const arb = fc.constantFrom(...sizes).map((n) => sizeCase(emulator, n));
    const budget = 40;
    const run = await exploreSizes(emulator, arb, budget, 7);
    expect(run.sent, 'a budget larger than what can be drawn is still spent, on repeats').toBe(budget);
    expect(run.distinct, 'every case the generator can draw was sent').toBe(sizes.length);
    const firstRepeat = run.keys.findIndex((k, i) => run.keys.indexOf(k) !== i);
    expect(firstRepeat, 'no repeat before every distinct case was sent').toBe(sizes.length);
  });
});
