import { test, expect } from '../../fixtures/test.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { SPEC_FILE } from '../../spec/contract.js';

test.describe('spec/receipts.openapi.yaml', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(SPEC_FILE);
    expect(validator.version).toBe('3.1');
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('the validator bites: a document with a broken response is rejected', async () => {
    const validator = new Validator();
    const result = await validator.validate({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/x': { get: { responses: { '200': { content: 'nope' } } } } },
    });
    expect(result.valid).toBe(false);
  });
});
