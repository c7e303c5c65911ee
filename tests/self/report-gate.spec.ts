import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../../fixtures/test.js';
import { create } from '../../emulator/server.js';
import { checks } from '../../spec/checks/index.js';
import { knownFile, mdRow, reportRun, tempDir, removeTempDirs } from './report-helpers.js';
import { runContract, targetEnv } from './run-contract.js';

const bounds = 'page_size_bounds';

test.afterEach(() => removeTempDirs());

test.describe('CONTRACT_KNOWN gates a contract run on what is new', () => {
  test.setTimeout(180_000); // nested runs on a shared machine: a safety net, not a speed assertion

  test('a fault listed as known passes, reported known, and an unmatched entry is fixed', async () => {
    const run = await reportRun('page-size-unbounded', [
      { check: bounds, operation: 'list', reason: 'our mock serves every receipt above the maximum PageSize' },
      { check: 'meta_key', pointer: '/meta/key', reason: 'an entry this run does not need' },
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.md.split('\n')[0]).toContain('conforms with known deviations');
    expect(mdRow(run.md, bounds, 'list', 'service')).toContain('~ known');
    expect(run.md).toMatch(/\| 2 \| `meta_key` \| \/meta\/key \| fixed: matched nothing, remove it \| 0 \|/);
    expect(run.output).toContain('entry 2 (check meta_key) matched nothing this run: fixed');
    expect(run.json.known?.entries.map((e) => e.status)).toEqual(['matched', 'fixed']);
  });

  test('the same fault with another broken rule fails on the other only, and an expired entry is named', async () => {
    // auth-off breaks two checks at once: the status of a request without credentials, and the receipts it shows.
    const run = await reportRun('auth-off', [
      { check: 'response_status', reason: 'accepted while the mock has no auth' },
      { check: 'meta_key', reason: 'an old entry', expires: '2020-01-31' },
    ]);
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toContain('[response_no_receipts]');
    expect(run.output, 'a known violation does not fail a test').not.toContain('[response_status]');
    expect(mdRow(run.md, 'response_no_receipts', 'list', 'service')).toContain('✗ broken');
    expect(mdRow(run.md, 'response_status', 'list', 'service')).toContain('~ known');
    expect(run.output).toContain('entry 2 (check meta_key) expired on 2020-01-31');
  });
});

/** Malformed files and the words the one-line error must hold. */
const malformed: { name: string; text: string; says: string[] }[] = [
  {
    name: 'an unknown check',
    text: 'known:\n  - check: no_such_check\n    reason: x\n',
    says: ['entry 1', 'check must be one of', checks[0].name],
  },
  {
    name: 'a missing reason',
    text: `known:\n  - check: ${bounds}\n`,
    says: ['entry 1', `(check ${bounds})`, 'reason is missing'],
  },
  {
    name: 'a bad date',
    text: `known:\n  - check: ${bounds}\n    reason: x\n  - check: ${bounds}\n    reason: y\n    expires: 2026-13-01\n`,
    says: ['entry 2', 'expires must be a date YYYY-MM-DD', '2026-13-01'],
  },
  { name: 'no list under known', text: 'deviations: []\n', says: ['must hold a list under known:'] },
];

test.describe('a malformed CONTRACT_KNOWN file stops the run before any request', () => {
  for (const m of malformed) {
    test(`a file with ${m.name} ends the run with one line naming the file, the entry and what is wrong`, async () => {
      let requests = 0;
      const server = createServer((_req, res) => void (requests++, res.end('{}')));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const emu = await create({ port: 0, host: '127.0.0.1' });
      try {
        const dir = tempDir();
        const file = knownFile(dir, m.text);
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const run = await runContract({
          ...targetEnv(emu.target),
          TARGET_URL: url,
          REPORT_DIR: dir,
          CONTRACT_KNOWN: file,
        });
        expect(run.code, run.output).toBe(2);
        const line = run.output
          .trim()
          .split('\n')
          .find((l) => l.startsWith('Known deviations: '));
        expect(line, run.output).toBeDefined();
        for (const word of [file, ...m.says]) expect(line).toContain(word);
        expect(run.output, 'no stack trace').not.toMatch(/\n\s+at /);
        expect(requests, 'requests the target received').toBe(0);
      } finally {
        await emu.stop();
        server.close();
      }
    });
  }
});
