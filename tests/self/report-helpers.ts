import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { stringify } from 'yaml';
import { create, type FaultName } from '../../emulator/server.js';
import type { Conformance } from '../../report/conformance-model.js';
import { runContract, targetEnv, type ContractRun } from './run-contract.js';

/** A nested contract run and what it wrote. */
export interface ReportRun extends ContractRun {
  dir: string;
  md: string;
  json: Conformance;
  token: string;
  /** The second account's token (tenancy probes), which no report may hold either. */
  otherToken: string;
}

/** A fresh temp folder for one nested run's reports and known file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  made.push(dir);
  return dir;
}

/** Temp folders this worker made, removed after each test. */
const made: string[] = [];

/** Removes the temp folders made so far (call from afterEach). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a known-deviations file (YAML) into a folder and returns its path. */
export function knownFile(dir: string, known: unknown, name = 'known.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, typeof known === 'string' ? known : stringify({ known }));
  return file;
}

/** Runs the contract project against an emulator with a fault (or none), with an optional known file. */
export async function reportRun(
  fault: FaultName | undefined,
  known?: unknown,
  extra: Record<string, string> = {},
): Promise<ReportRun> {
  const emu = await create({ port: 0, host: '127.0.0.1', ...(fault ? { fault } : {}) });
  const dir = tempDir();
  try {
    const env = {
      ...targetEnv(emu.target),
      REPORT_DIR: dir,
      ...(known ? { CONTRACT_KNOWN: knownFile(dir, known) } : {}),
      ...extra,
    };
    const run = await runContract(env, 120_000);
    const read = (name: string) => readFileSync(join(dir, 'contract', name), 'utf8');
    return {
      ...run,
      dir,
      md: read('conformance.md'),
      json: JSON.parse(read('conformance.json')) as Conformance,
      token: emu.target.authToken,
      otherToken: emu.target.otherAuthToken ?? '',
    };
  } finally {
    await emu.stop();
  }
}

const schema = JSON.parse(
  readFileSync(new URL('../../report/conformance.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** The schema errors of a conformance.json (empty: valid). */
export function schemaErrors(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** The Markdown table row of one rule, as its cells. */
export function mdRow(md: string, check: string, operation: string, scope: string): string[] | undefined {
  const line = md.split('\n').find((l) => l.startsWith(`| \`${check}\` | ${operation} | ${scope} |`));
  return line?.split(' | ').map((c) => c.replace(/^\| |`/g, '').trim());
}

/** Runs `playwright test` with its own arguments (a selftest-only run), as a user would; resolves with its exit code. */
export function runPlaywright(
  args: string[],
  env: Record<string, string>,
): Promise<Pick<ContractRun, 'code' | 'output'>> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const cli = join(root, 'node_modules/@playwright/test/cli.js');
  const skip = /^(TEST_|PW_|PLAYWRIGHT_|TARGET_|FORCE_COLOR$|NODE_OPTIONS$|REPORT_DIR$|CONTRACT_)/;
  const base = Object.fromEntries(Object.entries(process.env).filter((e) => e[1] !== undefined && !skip.test(e[0])));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'test', ...args], { cwd: root, env: { ...base, ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
