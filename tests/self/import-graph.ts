import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT as ROOT_URL } from './docs-text.js';

/** The project's root folder, as a path. */
const ROOT = fileURLToPath(ROOT_URL);
// types/: the .d.ts files npm pack builds (and removes after)
const SKIP = new Set(['node_modules', 'reports', '.git', 'test-results', 'playwright-report', 'types']);
// `import … from './x.js'`, `export … from`, `import type`, `import('./x.js')`: every relative specifier
const SPECIFIER = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** A graph of the project: each node (a file or a folder) and the nodes it imports. */
export type Graph = Map<string, Set<string>>;

/** Every .ts file of the project, relative to its root. */
export function sources(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name) || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : e.name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The relative module specifiers a source text imports or re-exports, in order. */
export function specifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1]);
}

/** File-to-file import edges of the project's .ts files (relative imports, type-only ones too; `.js` names its .ts). */
export function fileGraph(files = sources()): Graph {
  const known = new Set(files);
  const graph: Graph = new Map(files.map((f) => [f, new Set<string>()]));
  for (const file of files) {
    for (const spec of specifiers(readFileSync(join(ROOT, file), 'utf8'))) {
      const to = relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts');
      if (known.has(to)) graph.get(file)!.add(to);
    }
  }
  return graph;
}

/** The same edges between the units `unitOf` puts files in (an edge inside one unit is dropped). */
export function unitGraph(files: Graph, unitOf: (file: string) => string): Graph {
  const graph: Graph = new Map();
  for (const [from, tos] of files) {
    for (const to of tos) {
      const [a, b] = [unitOf(from), unitOf(to)];
      if (a !== b) (graph.get(a) ?? graph.set(a, new Set()).get(a)!).add(b);
    }
  }
  return graph;
}

/** Every import cycle: each strongly connected set of two or more nodes (or one that imports itself), as its edges
 * (`a -> b`) inside the set, so a failure shows what ties the circle (Tarjan's algorithm). */
export function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const set = new Set<string>();
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      set.add(w);
      if (w === v) break;
    }
    if (set.size > 1 || graph.get(v)?.has(v)) found.push(edgesWithin(graph, set));
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** The edges of a graph that start and end inside a set of nodes, sorted. */
function edgesWithin(graph: Graph, set: Set<string>): string[] {
  return [...set].flatMap((a) => [...(graph.get(a) ?? [])].filter((b) => set.has(b)).map((b) => `${a} -> ${b}`)).sort();
}

/** The project files one file imports, relative to the root (`.js` specifiers name the `.ts` files). */
export function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return specifiers(text).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, '.ts'));
}
