import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/test.js';
import { parseOptions } from '../../load/run/options.js';
import { connectionsWhy, MAX_CONNECTIONS, MAX_SECONDS, maxConnections, openFileLimit } from '../../load/run/limits.js';
import { loadScenarioFile } from '../../load/run/scenario-file.js';
import { runLoad } from '../../load/run/run-load.js';
import { runWorkers } from '../../load/shards/run-workers.js';
import { envOf, memoryReporter, reportDir, scenarioFile } from './load-helpers.js';
import { createStub } from './load-stub.js';

const SHORT = 'scenarios: [{ name: fetch, operation: fetch, warmup: 0, duration: 0.3, connections: 2 }]';
const DAY = `allowed: at most ${MAX_SECONDS} s (one day); split a longer soak into runs`;

test.describe('load bounds every time and count it is given (one line, before any request)', () => {
  for (const [argv, says] of [
    [['--duration', '1e9'], `--duration: got "1e9"; ${DAY}`],
    [['--duration', String(MAX_SECONDS + 1)], `--duration: got "${MAX_SECONDS + 1}"; ${DAY}`],
    [['--warmup', '1e9'], `--warmup: got "1e9"; ${DAY}`],
    [['--connections', '100000'], `--connections: got "100000"; allowed: ${connectionsWhy()}`],
    [['--connections', String(maxConnections() + 1)], `--connections: got "${maxConnections() + 1}"; allowed: at most`],
  ] as const) {
    test(`refuses ${argv.join(' ')}`, () => {
      expect(() => parseOptions(argv)).toThrow(says);
    });
  }

  test('the bounds themselves are accepted', () => {
    const o = parseOptions(['--duration', String(MAX_SECONDS), '--connections', String(maxConnections())]);
    expect([o.duration, o.connections]).toEqual([MAX_SECONDS, maxConnections()]);
  });

  test('connections: at most 10 000 and half the open-file limit less 512 (the emulator holds the far end)', () => {
    expect(MAX_CONNECTIONS).toBe(10_000);
    expect([maxConnections(null), maxConnections(1_000_000), maxConnections(20_000), maxConnections(1024)]).toEqual([
      10_000, 10_000, 9744, 256,
    ]);
    expect(
      openFileLimit(() => 'Limit  Soft Limit  Hard Limit\nMax open files            20000    40000    files\n'),
    ).toBe(20_000);
    expect(openFileLimit(() => 'Max open files  unlimited  unlimited  files')).toBeNull();
    expect(openFileLimit(() => { throw new Error('no /proc'); })).toBeNull(); // prettier-ignore
  });

  for (const [yaml, says] of [
    [
      'defaults: { duration: 1e9 }\nscenarios: [{ name: f, operation: fetch }]',
      `/defaults/duration: must be <= ${MAX_SECONDS}`,
    ],
    ['scenarios: [{ name: f, operation: fetch, warmup: 1e9 }]', `/scenarios/0/warmup: must be <= ${MAX_SECONDS}`],
    ['scenarios: [{ name: f, operation: fetch, timeout: 1e7 }]', `/scenarios/0/timeout: must be <= ${MAX_SECONDS}`],
    [
      'scenarios: [{ name: f, operation: fetch, thresholds: [{ rule: p99 < 5, delayAbortEval: 1e9 }] }]',
      `/scenarios/0/thresholds/0/delayAbortEval: must be <= ${MAX_SECONDS}`,
    ],
    [
      'scenarios: [{ name: f, operation: fetch, connections: 100000 }]',
      `/scenarios/0/connections: got 100000; allowed: ${connectionsWhy()}`,
    ],
    [
      'scenarios:\n  - { name: f, operation: fetch }\n  - { name: g, operation: list }\n' +
        '  - { name: f, operation: list }',
      '/scenarios/2/name: "f" is also the name of /scenarios/0; give each scenario its own name',
    ],
  ] as const) {
    test(`a scenario file: refuses ${yaml.replace(/\n\s*/g, ' ').slice(0, 70)}`, () => {
      const file = scenarioFile(yaml);
      expect(() => loadScenarioFile(file)).toThrow(`${file} ${says}`);
    });
  }

  test('a duplicate name is refused also when --scenario picks the other one', () => {
    const file = scenarioFile('scenarios: [{ name: f, operation: fetch }, { name: f, operation: list }]');
    expect(() => loadScenarioFile(file, { scenarios: ['f'] })).toThrow(`${file} /scenarios/1/name: "f" is also`);
  });
});

test.describe('load reports: under REPORT_DIR by default, the folder checked before any request', () => {
  test('the report folder is $REPORT_DIR/load when REPORT_DIR is set (as for the contract); --out still wins', () => {
    expect(parseOptions([], 0, {}).out).toBe(join('reports', 'load'));
    expect(parseOptions([], 0, { REPORT_DIR: '' }).out).toBe(join('reports', 'load'));
    expect(parseOptions([], 0, { REPORT_DIR: '/tmp/r' })).toMatchObject({
      out: '/tmp/r/load',
      outSetting: 'REPORT_DIR',
    });
    expect(parseOptions(['--out', 'x'], 0, { REPORT_DIR: '/tmp/r' })).toMatchObject({ out: 'x', outSetting: '--out' });
  });

  test('a run without --out writes its reports under $REPORT_DIR/load', async () => {
    const dir = reportDir();
    const options = parseOptions([scenarioFile(SHORT)], Date.now(), { REPORT_DIR: dir });
    const { files } = await runLoad({ options, env: {}, reporter: memoryReporter() });
    expect(files).toEqual(['result.json', 'summary.md', 'report.html'].map((f) => join(dir, 'load', f)));
    expect(files.every((f) => existsSync(f))).toBe(true);
  });

  test('a folder that cannot be written is refused naming --out or REPORT_DIR, before any request', async () => {
    const stub = await createStub('ok');
    try {
      const dir = reportDir();
      const file = join(dir, 'a-file');
      writeFileSync(file, '');
      const fix = 'give a folder that can be written, e.g.';
      const cases: [string[], NodeJS.ProcessEnv, string][] = [
        [['--out', file], {}, `--out ${file}: cannot write reports there (a file is in the way); ${fix} --out reports`],
        [['--out', join(file, 'x')], {}, `--out ${join(file, 'x')}: cannot write reports there (a file is in the way)`],
        [['--out', '/proc/nope'], {}, '--out /proc/nope: under /proc, where no report can be written'],
        [['--out', '/proc/self/fd/nope'], {}, '--out /proc/self/fd/nope: under /proc'],
        [
          [],
          { REPORT_DIR: file },
          `REPORT_DIR ${file}/load: cannot write reports there (a file is in the way); ${fix} REPORT_DIR=reports`,
        ],
        [['--workers', '2', '--out', file], {}, `--out ${file}: cannot write reports there`],
      ];
      for (const [argv, env, says] of cases) {
        const options = parseOptions([scenarioFile(SHORT), ...argv], Date.now(), env);
        const run = { options, env: envOf(stub.target), reporter: memoryReporter() };
        await expect(options.workers ? runWorkers(run) : runLoad(run), argv.join(' ')).rejects.toThrow(says);
      }
      expect(stub.requests).toBe(0);
    } finally {
      await stub.stop();
    }
  });

  test('npm run load: a bad --out or --duration is one line, exit 2, with nothing sent', () => {
    for (const [argv, says] of [
      [['--out', '/proc/nope'], 'load: --out /proc/nope: under /proc, where no report can be written; '],
      [['--duration', '1e9'], `load: --duration: got "1e9"; ${DAY}`],
    ] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'load/cli.ts', ...argv], {
        encoding: 'utf8',
        env: { ...process.env, TARGET_URL: 'http://127.0.0.1:9' },
        timeout: 60_000,
      });
      expect(run.stderr).toMatch(new RegExp(`^${says.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\n]*\\n$`));
      expect([run.stdout, run.status]).toEqual(['', 2]);
    }
  });
});
