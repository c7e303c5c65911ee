import { test, expect } from '../../fixtures/test.js';
import { parseOptions } from '../../load/run/options.js';
import { runLoad } from '../../load/run/run-load.js';
import { envOf, memoryReporter, reportDir, runAgainst, scenarioFile } from './load-helpers.js';
import { createStub, type StubMode } from './load-stub.js';
import { create } from '../../emulator/server.js';

// Issue 14 point 5: what the load tool sees, it says.
test.describe('links under load', () => {
  const foreign = [
    { operation: 'fetch', check: 'receipt_url', pointer: '/url' },
    { operation: 'list', check: 'meta_urls', pointer: '/meta/' },
  ] as const;
  for (const { operation, check, pointer } of foreign) {
    test(`${operation} answers whose links point to a foreign origin are invalid, named by ${check}`, async () => {
      const r = await runAgainst('foreign-links', { operation });
      expect(r.sampled).toBeGreaterThan(0);
      expect(r.mismatches).toBe(r.sampled);
      expect(r.invalid_examples[0]).toContain(`[${check}] ${pointer}`);
      expect(r.invalid_examples[0]).toContain('a foreign origin https://evil.test (not followed)');
      expect(r.passed).toBe(false);
    });
  }

  test('answers that belong to another request are invalid, named by receipt_path_sids', async () => {
    const r = await runAgainst('other-receipt');
    expect(r.mismatches).toBe(r.sampled);
    const said = /^\[receipt_path_sids\] \/sid: expected "\w+" from the path, received "\w+" \(GET /m;
    expect(r.invalid_examples.join('\n')).toMatch(said);
  });
});

test.describe('a target under a base path (a gateway)', () => {
  test('discovery follows its prefixed links, every request goes under it, and every sampled answer holds', async () => {
    const emu = await create({ port: 0, host: '127.0.0.1', basePath: '/twilio-api' });
    try {
      const yaml =
        'scenarios: [{ name: list, operation: list, warmup: 0, duration: 0.5, connections: 2, sampleEvery: 1 },' +
        ' { name: fetch, operation: fetch, warmup: 0, duration: 0.5, connections: 2, sampleEvery: 1 }]';
      const options = parseOptions([scenarioFile(yaml), '--out', reportDir()]);
      const { result } = await runLoad({ options, env: envOf(emu.target), reporter: memoryReporter() });
      for (const r of result.scenarios) {
        expect(r.requests.total, r.name).toBeGreaterThan(0);
        expect(r.sampled, r.name).toBeGreaterThan(0);
        expect([r.non2xx, r.mismatches, r.errors], `${r.name}: ${r.invalid_examples.join('; ')}`).toEqual([0, 0, 0]);
      }
    } finally {
      await emu.stop();
    }
  });
});

const loops: { mode: StubMode; says: RegExp }[] = [
  {
    mode: 'loop',
    says: /^discovery: the page walk loops: next_page_url of GET \S+Page=1 leads back to GET \S+, already visited$/,
  },
  {
    mode: 'page-stuck',
    says: /^discovery: the page walk loops: GET \S+Page=1 has meta\.page 0, not above the previous page's 0$/,
  },
];

test.describe('discovery walks that loop', () => {
  for (const { mode, says } of loops) {
    test(`a walk in mode ${mode} is reported, and nothing is loaded`, async () => {
      const stub = await createStub(mode);
      try {
        const reporter = memoryReporter();
        const yaml = 'scenarios: [{ name: list, operation: list, warmup: 0, duration: 0.5, connections: 2 }]';
        const options = parseOptions([scenarioFile(yaml), '--out', reportDir()]);
        const { result } = await runLoad({ options, env: envOf(stub.target), reporter });
        expect(result.scenarios[0].notes[0]).toMatch(says);
        expect(result.scenarios[0].requests.total).toBe(0);
        expect(stub.requests).toBe(2); // the two pages of the loop, nothing more
        expect(result.passed).toBe(false);
      } finally {
        await stub.stop();
      }
    });
  }
});
