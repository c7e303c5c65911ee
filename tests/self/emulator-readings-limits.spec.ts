import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { HEAVY_LIMIT_EVERY, LIMIT_EVERY, MAX_IN_FLIGHT, RETRY_AFTER_S } from '../../emulator/readings.js';
import type { ReadingName } from '../../emulator/server.js';
import { withOptions } from './with-emulator.js';
import { distinctLists, send, twilioErrorProblem, type EmulatorAnswer } from './emulator-http.js';

/** Twilio's 429: the spec's error body with code 20429, and the Retry-After the readings send. */
function expectTwilio429(a: EmulatorAnswer): void {
  expect(a.status).toBe(429);
  expect(twilioErrorProblem(a)).toBe('');
  expect((a.json as { code: number }).code).toBe(contract.errors.example(429).code);
  expect(a.headers['retry-after']).toBe(String(RETRY_AFTER_S));
}

test.describe('emulator readings of an account near its limits', () => {
  test(`rate-limited-heavy: one request in ${HEAVY_LIMIT_EVERY} gets Twilio's 429, and its retry is served`, async () => {
    await withOptions({ readings: ['rate-limited-heavy'] }, async (e) => {
      const statuses: number[] = [];
      for (const path of distinctLists(e, 5 * HEAVY_LIMIT_EVERY)) {
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
    await withOptions({ readings: ['concurrency-limit'] }, async (e) => {
      const paths = distinctLists(e, MAX_IN_FLIGHT + 3);
      const together = await Promise.all(paths.map((p) => send(e, p)));
      const refused = together.filter((a) => a.status === 429);
      expect(together.filter((a) => a.status === 200)).toHaveLength(MAX_IN_FLIGHT);
      expect(refused).toHaveLength(3);
      refused.forEach(expectTwilio429);
      for (const path of paths) expect((await send(e, path)).status).toBe(200);
    });
  });

  test("the fault gateway-html-429: now and then a gateway's HTML 429 page, its retry served", async () => {
    await withOptions({ fault: 'gateway-html-429' }, async (e) => {
      const answers: EmulatorAnswer[] = [];
      for (const path of distinctLists(e, 50)) {
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

const limits: [ReadingName, string | undefined][] = [
  ['rate-limited', String(RETRY_AFTER_S)],
  ['no-retry-after', undefined],
];
for (const [reading, retryAfter] of limits) {
  test.describe(`emulator reading ${reading}`, () => {
    test(`answers one request in ${LIMIT_EVERY} with a Twilio-shaped 429 (Retry-After: ${retryAfter ?? 'absent'}), and its retry is served`, async () => {
      await withOptions({ readings: [reading] }, async (e) => {
        const paths = distinctLists(e, 3 * LIMIT_EVERY);
        const statuses: number[] = [];
        for (const path of paths) {
          const a = await send(e, path);
          statuses.push(a.status);
          if (a.status !== 429) continue;
          expect(twilioErrorProblem(a)).toBe('');
          expect((a.json as { code: number }).code).toBe(contract.errors.example(429).code);
          expect(a.headers['retry-after']).toBe(retryAfter);
          const again = await send(e, path); // at once: a client that ignores Retry-After is still served on its retry
          expect(again.status, again.text).toBe(200);
        }
        expect(statuses.filter((s) => s === 429).length).toBe(3);
        expect(statuses.filter((s) => s !== 429 && s !== 200)).toEqual([]);
      });
    });

    test('serves the retry of a refused URL even when it lands on the next refusal, with other traffic in between', async () => {
      await withOptions({ readings: [reading] }, async (e) => {
        const paths = distinctLists(e, 4 * LIMIT_EVERY);
        let i = 0;
        while (i < LIMIT_EVERY && (await send(e, paths[i])).status !== 429) i++;
        expect(i, 'a 429 within the first requests').toBe(LIMIT_EVERY - 1);
        for (let round = 0; round < 2; round++) {
          const path = paths[i];
          // the other requests up to the counter's next refusal: a limiter without memory would refuse the retry again
          for (let k = 1; k < LIMIT_EVERY; k++) expect((await send(e, paths[i + k])).status).toBe(200);
          expect((await send(e, path)).status, `the retry of ${path}`).toBe(200);
          i += LIMIT_EVERY;
          expect((await send(e, paths[i])).status).toBe(429);
        }
      });
    });
  });
}
