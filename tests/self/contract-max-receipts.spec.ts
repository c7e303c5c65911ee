import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { create } from '../../emulator/server.js';
import { defaultLimits } from '../../client/api.js';
import {
  DEFAULT_MAX_RECEIPTS,
  discoveryPages,
  MAX_MAX_RECEIPTS,
  readMaxReceipts,
  requestBudget,
} from '../contract/probes/max-receipts.js';
import { readDoc } from './docs-text.js';
import { runContract, targetEnv } from './run-contract.js';

test.describe('CONTRACT_MAX_RECEIPTS: how many receipts discovery reads at most', () => {
  test('defaults to what README and docs/contract.md say, and reads an integer in range', () => {
    for (const doc of ['README.md', 'docs/contract.md']) {
      const stated = /`CONTRACT_MAX_RECEIPTS`[^`]*?default ([\d ]+)/.exec(readDoc(doc))?.[1];
      expect(Number(stated?.replace(/ /g, '')), `the default ${doc} states`).toBe(DEFAULT_MAX_RECEIPTS);
    }
    expect(readMaxReceipts({})).toBe(DEFAULT_MAX_RECEIPTS);
    expect(readMaxReceipts({ CONTRACT_MAX_RECEIPTS: '' })).toBe(DEFAULT_MAX_RECEIPTS);
    expect(readMaxReceipts({ CONTRACT_MAX_RECEIPTS: '137' })).toBe(137);
    expect(readMaxReceipts({ CONTRACT_MAX_RECEIPTS: String(MAX_MAX_RECEIPTS) })).toBe(MAX_MAX_RECEIPTS);
  });

  for (const bad of ['lots', '0', '-1', '1e3', '2.5', String(MAX_MAX_RECEIPTS + 1)]) {
    test(`refuses ${JSON.stringify(bad)} with one line naming the setting and what it allows`, () => {
      expect(() => readMaxReceipts({ CONTRACT_MAX_RECEIPTS: bad })).toThrow(
        `CONTRACT_MAX_RECEIPTS must be an integer from 1 to ${MAX_MAX_RECEIPTS} (receipts discovery reads at most; ` +
          `default ${DEFAULT_MAX_RECEIPTS}); received ${JSON.stringify(bad)}`,
      );
    });
  }

  test("holds both scopes' discovery in the client's budget, which grows only with the pages a larger setting adds", () => {
    expect(requestBudget(DEFAULT_MAX_RECEIPTS)).toBe(defaultLimits.maxRequests);
    expect(requestBudget(1)).toBe(defaultLimits.maxRequests);
    const more = 10 * DEFAULT_MAX_RECEIPTS;
    const extra = discoveryPages(more) - discoveryPages(DEFAULT_MAX_RECEIPTS);
    expect(requestBudget(more)).toBe(defaultLimits.maxRequests + 2 * extra);
  });

  // The generated phase's two settings are checked in the same place (they failed inside their test, after the rest).
  for (const [name, value] of [
    ['CONTRACT_MAX_RECEIPTS', 'lots'],
    ['CONTRACT_SEED', 'abc'],
    ['CONTRACT_BUDGET', '-1'],
  ])
    test(`${name}=${value} stops the run in the config: exit 2, one line naming it, no request sent`, async () => {
      await badSettingStopsTheRun(name, value);
    });
});

/** Runs the suite with one bad setting against a server that counts requests: exit 2, one line, nothing sent. */
async function badSettingStopsTheRun(name: string, value: string): Promise<void> {
  let requests = 0;
  const server = createServer((_req, res) => void (requests++, res.end('{}')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const emu = await create({ port: 0, host: '127.0.0.1' });
  const dir = mkdtempSync(join(tmpdir(), 'max-receipts-'));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = { ...targetEnv(emu.target), TARGET_URL: url, REPORT_DIR: dir, [name]: value };
    const run = await runContract(env);
    expect(run.code, run.output).toBe(2);
    const lines = run.output.trim().split('\n');
    expect(lines.filter((l) => l.startsWith(`Contract settings: ${name} must be`))).toHaveLength(1);
    expect(run.output, 'no stack trace').not.toMatch(/\n\s+at /);
    expect(requests, 'requests the target received').toBe(0);
  } finally {
    await emu.stop();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
