import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/test.js';
import { USER_CONFIG, USER_PACKAGE, USER_TEST, USER_TSCONFIG } from './user-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const dir = mkdtempSync(join(tmpdir(), 'receipt-harness-install-'));
const user = join(dir, 'user');

/** Runs a command in the user's project with a clean environment (no TARGET_*, no runner variables). */
function inUser(file: string, args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(TEST_|PW_|PLAYWRIGHT_|TARGET_|CONTRACT_|REPORT_DIR|NODE_OPTIONS)/.test(k),
    ),
  );
  return spawnSync(file, args, { cwd: user, env: { ...clean, ...env }, encoding: 'utf8', timeout: 5 * 60_000 });
}

/** Starts the installed `receipt-harness emulator` and reads the TARGET_* lines it prints. */
async function emulator(...args: string[]): Promise<{ env: Record<string, string>; stop: () => void }> {
  const child = spawn(join(user, 'node_modules', '.bin', 'receipt-harness'), ['emulator', '--port', '0', ...args], {
    cwd: user,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^export TARGET_MESSAGE_SID=.*\n/m.test(out)) resolve();
    });
  });
  const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  return { env, stop: () => child.kill('SIGTERM') };
}

test.describe.configure({ mode: 'serial' });

test.describe('the packed tarball, installed into an empty project', () => {
  test('npm pack gives one tarball; npm i -D installs it with its dependencies from the registry', () => {
    const pack = spawnSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [tarball] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    console.log(`tarball: ${tarball}, ${statSync(join(dir, tarball)).size} bytes`);
    mkdirSync(user);
    writeFileSync(join(user, 'package.json'), JSON.stringify(USER_PACKAGE, null, 2));
    const install = inUser('npm', ['i', '-D', join(dir, tarball), '--no-audit', '--no-fund']);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(user, 'node_modules', '.bin', 'receipt-harness'))).toBe(true);
  });

  test('receipt-harness contract against the installed emulator: exit 0, reports under the caller', async () => {
    const emu = await emulator();
    try {
      const run = inUser('npx', ['receipt-harness', 'contract'], emu.env);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Conformance: ✓ conforms/);
      for (const file of ['contract/conformance.md', 'contract/conformance.json', 'html/index.html', 'results.json'])
        expect(existsSync(join(user, 'reports', file)), file).toBe(true);
    } finally {
      emu.stop();
    }
  });

  test('receipt-harness contract against a faulty emulator: exit 1, the check named', async () => {
    const emu = await emulator('--fault', 'status-enum');
    try {
      const run = inUser('npx', ['receipt-harness', 'contract'], emu.env);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/\[receipt_schema\] \/delivery_receipts\/\d+\/status: enum/);
    } finally {
      emu.stop();
    }
  });

  test('receipt-harness load with a bad flag: exit 2, one line', () => {
    const run = inUser('npx', ['receipt-harness', 'load', '--duration', 'soon']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('load: --duration: got "soon"; allowed: a number of seconds > 0, e.g. --duration 5');
  });

  test("a user's own Playwright test imports test/expect and calls toConform(); its types check", () => {
    mkdirSync(join(user, 'tests'));
    writeFileSync(join(user, 'playwright.config.ts'), USER_CONFIG);
    writeFileSync(join(user, 'tsconfig.json'), JSON.stringify(USER_TSCONFIG, null, 2));
    writeFileSync(join(user, 'tests', 'receipts.spec.ts'), USER_TEST);
    const run = inUser('npx', ['playwright', 'test']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 passed/);
    const types = inUser(process.execPath, [TSC, '-p', '.']);
    expect(types.status, types.stdout).toBe(0);
  });
});
