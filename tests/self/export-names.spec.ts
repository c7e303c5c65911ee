import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../../fixtures/test.js';
import { ROOT } from './docs-text.js';
import { sources } from './import-graph.js';

/** The names a text declares as exports: functions, constants, classes, interfaces, types, enums. */
function exportedNames(text: string): string[] {
  const declared =
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
  return [...text.matchAll(declared)].map((m) => m[1]);
}

test.describe('one name per concept', () => {
  test('no exported name is declared by two files of the project', () => {
    const where = new Map<string, string[]>();
    for (const file of sources()) {
      const text = readFileSync(fileURLToPath(new URL(file, ROOT)), 'utf8');
      for (const name of exportedNames(text)) where.set(name, [...(where.get(name) ?? []), file]);
    }
    const twice = [...where]
      .filter(([, files]) => files.length > 1)
      .map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(twice, 'rename one of them after what it holds').toEqual([]);
  });

  test('sees every kind of exported declaration, and no re-export', () => {
    const text = [
      'export function judge() {}',
      'export async function discover() {}',
      'export const USAGE = 1;',
      'export class Redactor {}',
      'export interface Verdict {}',
      'export type RunInfo = 1;',
      'export enum Kind {}',
      "export { judge } from './x.js';",
      "export type { Verdict } from './y.js';",
    ].join('\n');
    expect(exportedNames(text)).toEqual(['judge', 'discover', 'USAGE', 'Redactor', 'Verdict', 'RunInfo', 'Kind']);
  });
});
