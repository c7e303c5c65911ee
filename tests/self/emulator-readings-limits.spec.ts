import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { HEAVY_LIMIT_EVERY, MAX_IN_FLIGHT, RETRY_AFTER_S } from '../../emulator/readings.js';
import { create, type Emulator, type EmulatorOptions } from '../../emulator/server.js';
import { send, targetList, twilioErrorProblem, type Answer } from './emulator-http.js';

/** Runs a test body against a fresh emulator, and stops it. */
async function withEmu(options: EmulatorOptions, body: (e: Emulator) => Promise<void>): Promise<void> {
  const emu = await create({ port: 0, ...options });
  try {
    await body(emu);
  } finally {
    await emu.stop();
  }
}

/** Distinct paths of the target (a list at each PageSize), so that no request is a retry of another. */
const distinct = (e: Emulator, n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    targetList(e.target, `PageSize=${1 + (i % contract.paging.pageSize.max)}&x=${i}`),
  );

/** Twilio's 429: the spec's error body with code 20429, and the Retry-After the readings send. */
function expectTwilio429(a: Answer): void {
  expect(a.status).toBe(429);
  expect(twilioErrorProblem(a)).toBe('');
  expect((a.json as { code: number }).code).toBe(contract.errors.example(429).code);
  expect(a.headers['retry-after']).toBe(String(RETRY_AFTER_S));
}

test.describe('emulator readings of an account near its limits', () => {
  test(`rate-limited-heavy: one request in ${HEAVY_LIMIT_EVERY} gets Twilio's 429, and its retry is served`, async () => {
    await withEmu({ readings: ['rate-limited-heavy'] }, async (e) => {
      const statuses: number[] = [];
      for (const path of distinct(e, 5 * HEAVY_LIMIT_EVERY)) {
        const a = await send(e, path);
        statuses.push(a.status);
        if (a.status !== 429) continue;
        expectTwilio429(a);
        expect((await send(e, path)).status, 'its retry, at once').toBe(200);
      }
      // 25 sends in all (5 of them retries): every fourth refused, never a retry
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      expect(statuses.filter((s) => s !== 429 && s !== 200)).toEqual([]);
    });
  });

  test(`concurrency-limit: more than ${MAX_IN_FLIGHT} requests in flight get Twilio's 429; one at a time are all served`, async () => {
    await withEmu({ readings: ['concurrency-limit'] }, async (e) => {
      const paths = distinct(e, MAX_IN_FLIGHT + 3);
      const together = await Promise.all(paths.map((p) => send(e, p)));
      const refused = together.filter((a) => a.status === 429);
      expect(together.filter((a) => a.status === 200)).toHaveLength(MAX_IN_FLIGHT);
      expect(refused).toHaveLength(3);
      refused.forEach(expectTwilio429);
      for (const path of paths) expect((await send(e, path)).status).toBe(200);
    });
  });

  test("the fault gateway-html-429: now and then a gateway's HTML 429 page, its retry served", async () => {
    await withEmu({ fault: 'gateway-html-429' }, async (e) => {
      const answers: Answer[] = [];
      for (const path of distinct(e, 50)) {
        const a = await send(e, path);
        answers.push(a);
        if (a.status === 429) expect((await send(e, path)).status).toBe(200);
      }
      const pages = answers.filter((a) => a.status === 429);
      expect(pages).toHaveLength(2); // one in 25
      for (const a of pages) {
        expect(a.type).toBe('text/html');
        expect(a.text).toContain('429 Too Many Requests');
        expect(a.headers['retry-after']).toBe('0');
      }
    });
  });
});
