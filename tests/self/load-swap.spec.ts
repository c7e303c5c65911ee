import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { create } from '../../emulator/server.js';
import { targetEnv } from '../../client/settings.js';
import { runProbes } from '../contract/run-probes.js';
import { defaultLimits } from '../../client/api.js';
import { findFault } from '../../emulator/faults.js';
import { reportDir, scenarioFile } from './load-helpers.js';
import { withEmulator } from './with-emulator.js';

const FAULT = 'swap-under-concurrency';
const fault = findFault(FAULT)!;
/** The check that names an answer belonging to another request. */
const CHECK = 'receipt_path_sids';
/** A short gate on validity alone: 8 connections overlap, 1 answer in 5 is judged. */
const GATE = `scenarios:
  - name: fetch
    operation: fetch
    connections: 8
    warmup: 0
    duration: 1
    sampleEvery: 5
    thresholds: ["invalid == 0"]
`;

/** What `npm run load` printed and how it ended. */
interface CliRun {
  code: number | null;
  output: string;
  out: string;
}

/** Runs `tsx load/cli.ts` as a user would, TARGET_* pointing at a running emulator (the runner's own env left out). */
function loadCli(env: NodeJS.ProcessEnv): Promise<CliRun> {
  const out = reportDir();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'load/cli.ts', scenarioFile(GATE), '--out', out], {
      env: { PATH: process.env.PATH, ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000); // a safety net: the run stops by itself after 1 s
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, out });
    });
  });
}

/** The load tool run against a fresh emulator started with a fault (or none). */
async function loadAgainst(fault?: typeof FAULT): Promise<CliRun> {
  const emu = await create({ port: 0, host: '127.0.0.1', ...(fault ? { fault } : {}) });
  try {
    return await loadCli(targetEnv(emu.target));
  } finally {
    await emu.stop();
  }
}

test.describe('a server that swaps answers only under concurrency', () => {
  test('the contract probes and the generated phase, at the suite’s own concurrency, report zero violations', async () => {
    // the fault needs more requests in flight than the suite's client ever holds (npm run load has 8 here)
    expect(fault.crowd).toBeGreaterThan(defaultLimits.maxInFlight);
    const found = await withEmulator(FAULT, (t) => runProbes(t, { timeoutMs: 3000 }));
    await expect(found).toConform();
  });

  test('npm run load fails the gate and names receipt_path_sids in its output and result.json', async () => {
    test.setTimeout(90_000); // a safety net for a loaded machine, not a speed assertion
    const run = await loadAgainst(FAULT);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/^✗ fetch invalid == 0 measured [1-9]/m);
    expect(run.output).toContain(`fetch invalid body: [${CHECK}]`);
    const result = JSON.parse(readFileSync(join(run.out, 'result.json'), 'utf8')) as {
      scenarios: { mismatches: number; sampled: number; invalid_examples: string[] }[];
    };
    const [fetch] = result.scenarios;
    expect(fetch.mismatches).toBeGreaterThan(0);
    test.info().annotations.push({ type: 'invalid', description: `${fetch.mismatches} of ${fetch.sampled} sampled` });
    expect(fetch.invalid_examples.some((e) => e.startsWith(`[${CHECK}] /sid: `))).toBe(true);
  });

  test('the correct emulator passes the same run (exit 0, nothing invalid)', async () => {
    test.setTimeout(90_000); // a safety net for a loaded machine, not a speed assertion
    const run = await loadAgainst();
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/^✓ fetch invalid == 0 measured 0/m);
  });
});
