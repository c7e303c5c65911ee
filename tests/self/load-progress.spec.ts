import { Writable } from 'node:stream';
import { test, expect } from '../../fixtures/test.js';
import { createReporter } from '../../load/run/progress.js';

/** A stream that keeps what is written, optionally claiming to be a terminal. */
function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(c, _e, done) {
      chunks.push(String(c));
      done();
    },
  });
  return Object.assign(w, { isTTY, text: () => chunks.join('') });
}

const snapshot = { scenario: 'fetch', phase: 'measure' as const, elapsed: 1.5, responses: 3000 };

test.describe('load progress', () => {
  test('an interactive terminal gets a live status line, cleared before the next plain line', () => {
    const out = sink(true);
    const r = createReporter(out);
    r.progress(snapshot);
    r.line('done');
    expect(out.text()).toBe('\r\x1b[K  fetch measure 1.5 s, 3000 responses, 2000 req/s\r\x1b[Kdone\n');
  });

  test('CI (not a terminal) gets plain lines only, no live status', () => {
    const out = sink(false);
    const r = createReporter(out);
    r.progress(snapshot);
    r.line('done');
    expect(out.text()).toBe('done\n');
  });
});
