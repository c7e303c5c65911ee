import { existsSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../../fixtures/test.js';
import { faults } from '../../emulator/faults.js';
import { readings } from '../../emulator/readings.js';
import { checks } from '../../spec/checks/index.js';
import { targetVariables } from '../../client/settings.js';
import { RUN_LIMIT_SETTINGS } from '../../client/run-limits.js';
import { RUN_FINDINGS } from '../../conformance/run-findings.js';
import { ROOT, anchors, linkTargets, namedList, readDoc, section, table } from './docs-text.js';

const README = readDoc('README.md');
/** Where the emulator's full tables live (the README names the faults and readings only). */
const EMULATOR_DOC = 'docs/emulator.md';

test.describe('README "## The checks" matches the code', () => {
  test('the table of checks lists every registered check, in order, with what it holds', () => {
    const rows = table(section(README, 'The checks'), '| check | what it holds |');
    expect(rows).toEqual(checks.map((c) => [`\`${c.name}\``, c.holds]));
  });
});

test.describe('docs/contract.md lists every id a run reports that is not a check', () => {
  test('the table of findings equals conformance/run-findings.ts, and no finding is named like a check', () => {
    const rows = table(readDoc('docs/contract.md'), '| finding | means |');
    expect(rows).toEqual(Object.entries(RUN_FINDINGS).map(([id, means]) => [`\`${id}\``, means]));
    expect(checks.filter((c) => c.name in RUN_FINDINGS)).toEqual([]);
  });
});

test.describe('README tables other parts rely on match the code', () => {
  test('"Pointing it at a target" lists exactly the TARGET_* settings the suite reads', () => {
    const rows = table(section(README, 'Pointing it at a target'), '| variable | meaning |');
    expect(rows.map((r) => r[0].replace(/`/g, ''))).toEqual([...targetVariables]);
  });

  test('"Pointing it at a target" lists the run limits the config checks, with their defaults', () => {
    const rows = table(section(README, 'Pointing it at a target'), '| variable | default | meaning |');
    const settings = Object.entries(RUN_LIMIT_SETTINGS).map(([name, s]) => [`\`${name}\``, String(s.fallback)]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual(settings);
  });

  test('the README names every emulator fault and reading, in catalogue order', () => {
    const text = section(README, 'Readings and faults');
    expect(namedList(text, 'Faults')).toEqual(faults.map((f) => f.name));
    expect(namedList(text, 'Readings')).toEqual(readings.map((r) => r.name));
  });
});

test.describe(`${EMULATOR_DOC} matches the emulator's catalogues`, () => {
  test('the fault table lists every emulator fault with the rule it breaks', () => {
    const rows = table(section(readDoc(EMULATOR_DOC), 'Faults'), '| fault | breaks |');
    expect(rows).toEqual(faults.map((f) => [`\`${f.name}\``, f.breaks]));
  });

  test('the readings table lists every emulator reading with what it does and where it comes from', () => {
    const rows = table(section(readDoc(EMULATOR_DOC), 'Readings'), '| reading | does | source |');
    expect(rows).toEqual(readings.map((r) => [`\`${r.name}\``, r.does, r.source]));
  });
});

/** README.md and every markdown file under docs/, as paths from the repository root. */
function markdownFiles(): string[] {
  const docs = readdirSync(fileURLToPath(new URL('docs/', ROOT))).filter((f) => f.endsWith('.md'));
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/** The broken relative links of one markdown file: a missing file, or a missing heading for its #anchor. */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  for (const link of linkTargets(readDoc(file))) {
    if (/^[a-z]+:/i.test(link)) continue; // https:, mailto: and the like are not files of ours
    const [path, anchor] = link.split('#');
    const target = path ? posix.normalize(posix.join(posix.dirname(file), path)) : file;
    if (target.startsWith('..') || !existsSync(fileURLToPath(new URL(target, ROOT)))) broken.push(`${link}: no file`);
    else if (anchor && target.endsWith('.md') && !anchors(readDoc(target)).has(anchor)) {
      broken.push(`${link}: no heading`);
    }
  }
  return broken;
}

test.describe('links in README.md and docs/', () => {
  for (const file of markdownFiles()) {
    test(`every relative link in ${file} points at a file and heading that exist`, () => {
      expect(brokenLinks(file), `broken links in ${file}`).toEqual([]);
    });
  }
});
