import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../../fixtures/test.js';
import { faults } from '../../emulator/faults.js';
import { readings } from '../../emulator/readings.js';
import { checks } from '../../spec/checks/index.js';
import { targetVariables } from '../../target/settings.js';
import { faultExpectations } from './fault-expectations.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The text of one `## ` section of the README. */
function section(title: string): string {
  const start = README.indexOf(`## ${title}\n`);
  const end = README.indexOf('\n## ', start + 1);
  return start < 0 ? '' : README.slice(start, end < 0 ? undefined : end);
}

/** The rows of the markdown table that follows a header line, as cells. */
function table(text: string, header: string): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === header);
  if (at < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

test.describe('README "## Contract suite" matches the code', () => {
  test('the table of checks lists every registered check, in order, with what it holds', () => {
    const rows = table(section('Contract suite'), '| check | what it holds |');
    expect(rows).toEqual(checks.map((c) => [`\`${c.name}\``, c.holds]));
  });

  test('the stated fault score counts every fault the contract suite is meant to catch', () => {
    const inScope = faults.filter((f) => !faultExpectations[f.name]?.notCaught).length;
    expect(section('Contract suite')).toContain(`faults caught: ${inScope}/${inScope}`);
  });
});

test.describe('README tables other parts rely on match the code', () => {
  test('"Pointing it at a target" lists exactly the TARGET_* settings the suite reads', () => {
    const rows = table(section('Pointing it at a target'), '| variable | meaning |');
    expect(rows.map((r) => r[0].replace(/`/g, ''))).toEqual([...targetVariables]);
  });

  test('the fault table lists every emulator fault with the rule it breaks', () => {
    const rows = table(section('Emulator'), '| fault | breaks |');
    expect(rows).toEqual(faults.map((f) => [`\`${f.name}\``, f.breaks]));
  });

  test('the readings table lists every emulator reading with what it does and where it comes from', () => {
    const rows = table(section('Emulator'), '| reading | does | source |');
    expect(rows).toEqual(readings.map((r) => [`\`${r.name}\``, r.does, r.source]));
  });
});
