import { expect, test } from '../../fixtures/test.js';
import { cycles, fileGraph, sources, specifiers, type Graph } from './import-graph.js';

/** A graph from `a b` edge pairs. */
const graphOf = (...edges: string[]): Graph => {
  const g: Graph = new Map();
  for (const [a, b] of edges.map((e) => e.split(' '))) {
    (g.get(a) ?? g.set(a, new Set()).get(a)!).add(b);
    if (!g.has(b)) g.set(b, new Set());
  }
  return g;
};

test.describe('files import each other in one direction', () => {
  test('no .ts file of the project imports a file that imports it back, however far round', () => {
    expect(cycles(fileGraph()), 'file-level import cycles (type-only imports count)').toEqual([]);
  });

  test('every import form is an edge: type-only, re-exported, multi-line, dynamic; a package is none', () => {
    const text = [
      "import type { A } from './a.js';",
      "import {\n  b,\n  type B,\n} from '../b.js';",
      "export { c } from './c.js';",
      "export type { D } from './d/index.js';",
      "const e = await import('./e.js');",
      "import './f.js';",
      "import autocannon from 'autocannon';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a.js', '../b.js', './c.js', './d/index.js', './e.js', './f.js']);
  });

  test('the graph holds every .ts file and names the .ts file behind each .js import', () => {
    const graph = fileGraph();
    expect([...graph.keys()].sort()).toEqual(sources().sort());
    expect([...graph.get('tests/self/file-cycles.spec.ts')!].sort()).toEqual([
      'fixtures/test.ts',
      'tests/self/import-graph.ts',
    ]);
  });

  test('a cycle is found however long, with the edges that tie it, and a file that imports itself', () => {
    expect(cycles(graphOf('a b', 'b c', 'c a', 'c d'))).toEqual([['a -> b', 'b -> c', 'c -> a']]);
    expect(cycles(graphOf('a a', 'a b'))).toEqual([['a -> a']]);
    expect(cycles(graphOf('a b', 'b c', 'a c'))).toEqual([]);
    expect(cycles(graphOf('a b', 'b a', 'c d', 'd e', 'e c')).length).toBe(2);
  });
});
