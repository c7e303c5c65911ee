import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT as ROOT_URL } from './docs-text.js';

/** The repository's root folder, as a path. */
const ROOT = fileURLToPath(ROOT_URL);
const SKIP = new Set(['node_modules', 'reports', '.git', 'test-results', 'playwright-report']);

/** Every .ts file of the project, relative to its root. */
export function sources(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name) || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : e.name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The relative specifiers a text imports: `import … from`, `export … from`, `import '…'`, `import('…')`. */
export function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
}

/** The project files one file imports, relative to the root (`.js` specifiers name the `.ts` files). */
export function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return specifiers(text).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, '.ts'));
}
