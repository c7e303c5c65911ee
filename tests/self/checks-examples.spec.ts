import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { judgeExchange } from '../../spec/checks/index.js';
import { ctxFor, exchange } from './exchanges.js';

type Json = Record<string, unknown>;

/** Twilio's official OpenAPI excerpt, vendored in spec/reference/ (a clone has nothing beside it). */
const REFERENCE = fileURLToPath(new URL('../../spec/reference/twilio_conversations_v1.receipts.yaml', import.meta.url));

/** Every documented 200 example of the reference: its path template, name and payload. */
function officialExamples(): { template: string; name: string; value: Json }[] {
  const doc = parse(readFileSync(REFERENCE, 'utf8')) as {
    paths: Record<string, { get: { responses: Record<string, Json> } }>;
  };
  return Object.entries(doc.paths).flatMap(([template, item]) => {
    const content = (
      item.get.responses['200'].content as Record<string, { examples?: Record<string, { value: Json }> }>
    )['application/json'];
    return Object.entries(content.examples ?? {}).map(([name, ex]) => ({ template, name, value: ex.value }));
  });
}

/** The request that would have produced an example: its own url (fetch) or meta.url (list). */
function requestPath(value: Json): string {
  const url = new URL(String((value.meta as Json | undefined)?.url ?? value.url));
  return url.pathname + url.search;
}

test.describe("Twilio's official examples pass every check that applies to them", () => {
  const examples = officialExamples();

  test('the reference holds a fetch and a list example for both scopes', () => {
    // each example is judged below: every operation of the spec, in both scopes, must have one
    const covered = new Set(
      examples.map(({ value }) => {
        const op = contract.paths.match(requestPath(value).split('?')[0])?.op;
        return op ? `${op.name} ${op.scope}` : 'outside the spec';
      }),
    );
    expect([...covered].sort()).toEqual(contract.paths.operations.map((o) => `${o.name} ${o.scope}`).sort());
  });

  for (const { template, name, value } of examples) {
    test(`the ${template} example "${name}" passes every check that applies to it`, async () => {
      const isList = contract.paths.match(requestPath(value).split('?')[0])?.op.name === 'list';
      const found = judgeExchange(
        exchange(requestPath(value), 200, value),
        contract,
        ctxFor(isList ? 'page' : 'receipt'),
      );
      await expect(found).toConform();
    });
  }
});
