import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/test.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every .ts file under a folder, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** An import or export of '@playwright/test' (type-only ones too: they bypass the fixture layer's types). */
const PLAYWRIGHT_IMPORT = /^\s*(?:import|export)\b[^;]*?from\s*['"]@playwright\/test['"]/m;

test.describe('the fixture layer (fixtures/test.ts)', () => {
  test('is the only place a file under tests/ takes test or expect from', () => {
    const offenders = tsFiles(join(root, 'tests'))
      .filter((f) => PLAYWRIGHT_IMPORT.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders, 'import test/expect from fixtures/test.js, not @playwright/test').toEqual([]);
  });

  test('catches an import of @playwright/test, whatever its quoting and spacing', () => {
    for (const line of [
      "import { test } from '@playwright/test';",
      'import {\n  expect,\n} from "@playwright/test";',
      "import type { Page } from '@playwright/test';",
    ])
      expect(PLAYWRIGHT_IMPORT.test(line), line).toBe(true);
    expect(PLAYWRIGHT_IMPORT.test("import { test } from '../../fixtures/test.js';")).toBe(false);
  });
});
