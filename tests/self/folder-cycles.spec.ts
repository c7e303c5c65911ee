import { dirname } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { importsOf, sources } from './import-graph.js';

/** The unit a file belongs to: its top folder, except under tests/ where each folder is a layer of its own. */
function unitOf(file: string): string {
  const parts = dirname(file).split('/');
  return parts[0] === 'tests' ? dirname(file) : parts[0];
}

/** Folder-to-folder import edges (relative imports only). */
function edges(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of sources()) {
    for (const imported of importsOf(file)) {
      const to = unitOf(imported);
      const from = unitOf(file);
      if (to !== from) (out.get(from) ?? out.set(from, new Set()).get(from)!).add(to);
    }
  }
  return out;
}

/** The folder paths that lead from a folder back to itself. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, path: string[]): void => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) found.add([...path, next].join(' -> '));
      else if (!path.includes(next) && path.length < 6) walk(start, next, [...path, next]);
    }
  };
  for (const start of graph.keys()) walk(start, start, [start]);
  return [...found];
}

test.describe('folders depend on each other in one direction', () => {
  test('no folder imports a folder that imports it back', () => {
    expect(cycles(edges()), 'import cycles between folders').toEqual([]);
  });

  test('spec/ imports nothing of the project outside itself', () => {
    expect([...(edges().get('spec') ?? [])]).toEqual([]);
  });
});
