import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { faults, faultNames } from '../../emulator/faults.js';
import { Sids } from '../../emulator/sid.js';
import { create, type Emulator } from '../../emulator/server.js';
import { INNER_SIZE } from '../../emulator/faults-corner.js';
import { basic, messagePath, pathOf, send, targetList } from './emulator-http.js';
import { faultExpectations } from './fault-expectations.js';
import { advertisedMessage, messageReceipts } from './emulator-queries.js';
import { basicAuth } from '../../client/basic-auth.js';

/** Requests that together touch every rule a fault can break; each gives one line of the emulator's "signature". */
const probes: [string, (e: Emulator) => Promise<string>][] = [
  ['list PageSize=5', (e) => line(e, targetList(e.target, 'PageSize=5'))],
  [
    'second page via next_page_url',
    async (e) => {
      const first = await send(e, targetList(e.target, 'PageSize=5'));
      const next = (first.json as { meta?: { next_page_url?: string } } | undefined)?.meta?.next_page_url;
      return typeof next === 'string' && next.startsWith('http')
        ? line(e, pathOf(next).replace(basePathOf(e), '')) // sent under the base path again by line()
        : `no next link: ${String(next)}`;
    },
  ],
  ['list PageSize=1', (e) => line(e, targetList(e.target, 'PageSize=1'))],
  [
    'second page of the maximum size via next_page_url',
    async (e) => {
      const first = await send(e, targetList(e.target, `PageSize=${contract.paging.pageSize.max}`));
      const next = (first.json as { meta?: { next_page_url?: string } } | undefined)?.meta?.next_page_url;
      return typeof next === 'string' ? line(e, pathOf(next)) : `no next link: ${String(next)}`;
    },
  ],
  ['list PageSize=0', (e) => line(e, targetList(e.target, 'PageSize=0'))],
  ['list PageSize above max', (e) => line(e, targetList(e.target, `PageSize=${contract.paging.pageSize.max + 1}`))],
  ['list with a PageToken never issued', (e) => line(e, targetList(e.target, 'PageSize=1&PageToken=forged'))],
  [
    'fetch a receipt',
    (e) => line(e, messagePath(e, advertisedMessage(e), 'service', messageReceipts(e, advertisedMessage(e))[0])),
  ],
  [
    'fetch receipts of every status',
    async (e) => {
      const all = messageReceipts(e, advertisedMessage(e)).slice(0, 8);
      return (
        await Promise.all(all.map((sid) => line(e, messagePath(e, advertisedMessage(e), 'service', sid))))
      ).join();
    },
  ],
  [
    'fetch an unknown receipt',
    (e) =>
      line(
        e,
        messagePath(e, advertisedMessage(e), 'service', contract.sids.prefix('sid') + 'f'.repeat(Sids.digits('sid'))),
      ),
  ],
  [
    'fetch a malformed receipt SID',
    (e) => line(e, messagePath(e, advertisedMessage(e), 'service', `${contract.sids.prefix('sid')}nope`)),
  ],
  ['no credentials', (e) => line(e, targetList(e.target), null)],
  [
    'the challenge of a 401',
    async (e) => `WWW-Authenticate: ${String((await send(e, targetList(e.target), null)).headers['www-authenticate'])}`,
  ],
  ['wrong token', (e) => line(e, targetList(e.target), basicAuth(e.target.accountSid, 'wrong'))],
  ['service conversation on the default path', (e) => line(e, messagePath(e, advertisedMessage(e), 'default'))],
  [
    'under another well-formed service SID',
    (e) =>
      line(
        e,
        targetList(e.target).replace(
          e.target.serviceSid,
          contract.sids.prefix('chat_service_sid') + 'e'.repeat(Sids.digits('chat_service_sid')),
        ),
      ),
  ],
  [
    'receipt under a sibling message',
    (e) => line(e, messagePath(e, advertisedMessage(e) + 1, 'service', messageReceipts(e, advertisedMessage(e))[0])),
  ],
  // The corners only the generated phase reaches (emulator/faults-corner.ts).
  ['list PageSize inside the range', (e) => line(e, targetList(e.target, `PageSize=${INNER_SIZE}`))],
  [
    'list Page past the end',
    (e) => line(e, targetList(e.target, `PageSize=${contract.paging.pageSize.min}&Page=1000`)),
  ],
  ['list with an unknown parameter', (e) => line(e, targetList(e.target, 'Foo=1'))],
  [
    'an issued PageToken on another size',
    async (e) => {
      const first = await send(e, targetList(e.target, `PageSize=${contract.paging.pageSize.min}`));
      const next = (first.json as { meta?: { next_page_url?: string } } | undefined)?.meta?.next_page_url ?? '';
      const token = new URL(next, e.url).searchParams.get('PageToken') ?? '';
      return line(
        e,
        targetList(e.target, `PageSize=${contract.paging.pageSize.min + 1}&PageToken=${encodeURIComponent(token)}`),
      );
    },
  ],
  ['empty token', (e) => line(e, targetList(e.target), basicAuth(e.target.accountSid, ''))],
  // Tenancy and gateways (issue 18).
  [
    "the second account's own credentials",
    (e) =>
      line(
        e,
        targetList(e.target),
        basic({ accountSid: `${e.target.otherAccountSid}`, authToken: `${e.target.otherAuthToken}` }),
      ),
  ],
  [
    'thirty lists in a row, by status',
    async (e) => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push((await send(e, basePathOf(e) + targetList(e.target, `x=${i}`))).status);
      return statuses.join(' ');
    },
  ],
];

/** The emulator's base path ('' for none): its API paths go under it. */
const basePathOf = (e: Emulator): string => new URL(e.url).pathname.replace(/\/$/, '');

/** status, content type and body of an answer, with the origin and the per-process page tokens normalised. */
async function line(e: Emulator, path: string, auth?: string | null): Promise<string> {
  const a = await send(e, basePathOf(e) + path, auth === undefined ? e.target : auth);
  return `${a.status} ${a.type} ${a.text
    .split(e.url)
    .join('ORIGIN')
    .replace(/PageToken=[\w-]+/g, 'PageToken=T')}`;
}

async function signature(e: Emulator): Promise<string[]> {
  const out: string[] = [];
  for (const [name, probe] of probes) out.push(`${name}: ${await probe(e)}`);
  return out;
}

test.describe('emulator fault modes', () => {
  test('the catalogue names each fault once, with the rule it breaks', () => {
    expect(new Set(faultNames).size).toBe(faults.length);
    for (const f of faults) expect(f.breaks.length, f.name).toBeGreaterThan(10);
  });

  test('an unknown fault is refused with the list of valid names', async () => {
    await expect(create({ port: 0, fault: 'nope' as never })).rejects.toThrow(faultNames.join(', '));
  });

  for (const f of faults) {
    test(`${f.name} changes what the emulator answers`, async () => {
      // where the fault shows (a base path), as the self-test serves it
      const place = faultExpectations[f.name]?.place ?? {};
      const good = await create({ port: 0, ...place });
      const bad = await create({ port: 0, fault: f.name, ...place });
      try {
        if (f.delayMs) {
          // A lower bound only: a timer never fires early, so this cannot flake on a slow machine.
          const t0 = performance.now();
          await send(bad, targetList(bad.target));
          expect(performance.now() - t0).toBeGreaterThanOrEqual(f.delayMs - 5);
          return;
        }
        if (f.transport) {
          // hostile transport faults: one answer shows it (a hang costs the client's whole time limit per request)
          const path = targetList(bad.target);
          expect(await line(bad, path)).not.toEqual(await line(good, path));
          return;
        }
        expect(await signature(bad)).not.toEqual(await signature(good));
      } finally {
        await Promise.all([good.stop(), bad.stop()]);
      }
    });
  }
});
