import { expect, test } from '../../fixtures/test.js';
import { InFlightLimit, RAISE_AFTER } from '../../client/in-flight-limit.js';

/** A request the test ends by hand, and the round it was sent in. */
interface Held {
  round: number;
  end(): void;
}

/** Starts a request through the limit; resolves `started` with a handle once it is let through. */
function hold(limit: InFlightLimit, started: Held[]): Promise<void> {
  return limit.run(
    (round) =>
      new Promise<void>((end) => {
        started.push({ round, end });
      }),
  );
}

test.describe('client/in-flight-limit: AIMD on 429', () => {
  test('starts at the ceiling, halves on a 429 once per round, never below 1', () => {
    const limit = new InFlightLimit(4);
    expect(limit.limit).toBe(4);
    limit.limited(0);
    limit.limited(0); // a second 429 of the same round: requests sent before the cut do not cut again
    expect(limit.limit).toBe(2);
    limit.limited(1);
    expect(limit.limit).toBe(1);
    limit.limited(2);
    expect(limit.limit).toBe(1);
  });

  test(`raises the limit by one after ${RAISE_AFTER} answers per request allowed, never above the ceiling`, () => {
    const limit = new InFlightLimit(3);
    limit.limited(0); // 3 -> 1
    for (let i = 0; i < RAISE_AFTER * 1 - 1; i++) limit.answered();
    expect(limit.limit).toBe(1);
    limit.answered();
    expect(limit.limit).toBe(2);
    for (let i = 0; i < RAISE_AFTER * 2; i++) limit.answered();
    expect(limit.limit).toBe(3);
    for (let i = 0; i < RAISE_AFTER * 10; i++) limit.answered();
    expect(limit.limit).toBe(3);
  });

  test('never lets more requests run than the limit, and lets the waiting ones go as room comes back', async () => {
    const limit = new InFlightLimit(2);
    const started: Held[] = [];
    const all = Array.from({ length: 5 }, () => hold(limit, started));
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toHaveLength(2);
    limit.limited(started[0].round); // a 429: one at a time from now on
    started[0].end();
    started[1].end();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toHaveLength(3);
    expect(started[2].round).toBe(1); // sent after the cut: its own round
    for (let i = 2; i < 5; i++) {
      started[i].end();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(started).toHaveLength(5);
  });
});
