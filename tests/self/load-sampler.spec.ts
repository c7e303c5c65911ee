import { EventEmitter } from 'node:events';
import type { Client } from 'autocannon';
import fc from 'fast-check';
import { test, expect } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { createContractSampler, type ContractSampler } from '../../load/measure/contract-sampler.js';

type Examples = { examples: Record<string, { value: Record<string, unknown> }> };
const example = (contract.doc.components as Examples).examples.ServiceReceipt.value;
const path = new URL(example.url as string).pathname;
const publicUrl = new URL(example.url as string).origin;
const context = { operation: 'fetch' as const, publicUrl, accountSid: example.account_sid as string };
const secret = { accountSid: context.accountSid, authToken: 'sampler-token-0123456789' };

/** Just enough of an autocannon client for the sampler: the headers event, the verifyBody hook, the request queue. */
class FakeClient extends EventEmitter {
  opts: { verifyBody?: (body: string) => boolean } = {};
  pipelinedRequests = { peek: () => ({ req: { path } }) };
}

/** A sampler judging every answer, and a way to hand it one 200 JSON answer. */
function sampler(): { v: ContractSampler; answer(body: string): boolean } {
  const v = createContractSampler({ ...context, secret }, 1);
  const client = new FakeClient();
  v.attach(client as unknown as Client);
  return {
    v,
    answer(body) {
      client.emit('headers', { statusCode: 200, headers: ['Content-Type', 'application/json'] });
      return client.opts.verifyBody!(body);
    },
  };
}

const nest = (depth: number, open: string, close: string, inner: string): string =>
  open.repeat(depth) + inner + close.repeat(depth);
const valid = JSON.stringify(example);
const withExtra = (extra: string): string => `{"extra":${extra},${valid.slice(1)}`;

/** Hostile bodies: deep (arrays, objects), wide (many items), huge strings, anywhere in the answer. */
const hostile = fc.oneof(
  fc.integer({ min: 1_000, max: 100_000 }).map((d) => nest(d, '[', ']', '')),
  fc.integer({ min: 1_000, max: 100_000 }).map((d) => `{"sid":${nest(d, '{"a":', '}', '1')}}`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `{"${contract.paging.listKey}":[${Array(n).fill('{}').join(',')}]}`),
  fc.integer({ min: 1, max: 1 << 20 }).map((n) => JSON.stringify({ ...example, status: 'x'.repeat(n) })),
  fc.jsonValue({ maxDepth: 6 }).map((j) => JSON.stringify(j) ?? 'null'),
  fc.string({ maxLength: 200 }),
);

test.describe('the load sampler against deep, wide and huge JSON', () => {
  test('never throws, and says what is wrong in one line per violation', () => {
    fc.assert(
      fc.property(hostile, (body) => {
        const s = sampler();
        const ok = s.answer(body);
        expect(typeof ok).toBe('boolean');
        expect(s.v.sampled).toBe(1);
        expect(s.v.invalid).toBe(ok ? 0 : 1);
        for (const line of s.v.examples) {
          expect(line).toMatch(/^\[\w+\] /);
          expect(line).not.toContain('\n');
        }
      }),
      { numRuns: 40 },
    );
  });

  test('a valid answer with an extra field nested up to 100 000 deep passes', () => {
    const shapes = fc.constantFrom(['[', ']', ''], ['{"a":', '}', '1']);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), shapes, (depth, [open, close, inner]) => {
        const s = sampler();
        expect(s.answer(withExtra(nest(depth, open, close, inner)))).toBe(true);
        expect(s.v.examples).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  test('the example receipt is valid for its own request, so the properties start from a correct answer', () => {
    const s = sampler();
    expect(s.answer(valid)).toBe(true);
  });
});
