import { dirname } from 'node:path';
import { expect, test } from '../../fixtures/test.js';
import { cycles, fileGraph, unitGraph } from './import-graph.js';

/** The unit a file belongs to: its top folder, except under tests/ where each folder is a layer of its own. */
function unitOf(file: string): string {
  const parts = dirname(file).split('/');
  return parts[0] === 'tests' ? dirname(file) : parts[0];
}

test.describe('folders depend on each other in one direction', () => {
  const folders = unitGraph(fileGraph(), unitOf);

  test('no folder imports a folder that imports it back', () => {
    expect(cycles(folders), 'import cycles between folders').toEqual([]);
  });

  test('spec/ imports nothing of the project outside itself', () => {
    expect([...(folders.get('spec') ?? [])]).toEqual([]);
  });
});
