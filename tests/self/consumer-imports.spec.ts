import { expect, test } from '../../fixtures/test.js';
import { importsOf, sources, specifiers } from './import-graph.js';

/** The consumers of the contract and the toolkit: the suite, load, the proxy (with diff and judge), the report. */
const CONSUMERS = ['tests/contract/', 'load/', 'proxy/', 'report/'] as const;
/** What every consumer may share: the contract and its checks, the toolkit, the record, the emulator. */
const SHARED = ['spec/', 'client/', 'conformance/', 'emulator/'] as const;

/** The consumer a file belongs to, or null. */
function consumerOf(file: string): string | null {
  return CONSUMERS.find((c) => file.startsWith(c)) ?? null;
}

/** `from -> to` for every import of a file in one folder group into a consumer it does not belong to. */
function crossings(from: readonly string[]): string[] {
  return sources()
    .filter((file) => from.some((f) => file.startsWith(f)))
    .flatMap((file) =>
      importsOf(file)
        .filter((to) => consumerOf(to) !== null && consumerOf(to) !== consumerOf(file))
        .map((to) => `${file} -> ${to}`),
    );
}

test.describe('no consumer imports another (the suite, load, proxy and report share only spec/ and client/)', () => {
  test('no file of a consumer imports a file of another consumer', () => {
    expect(crossings(CONSUMERS), 'move what both need to client/ (or spec/, conformance/)').toEqual([]);
  });

  test('the shared folders import no consumer at all', () => {
    expect(crossings(SHARED)).toEqual([]);
  });

  test('sees every form of import: named, type-only, re-export, side effect, dynamic, over several lines', () => {
    const text = [
      "import { UsageError } from '../load/usage-error.js';",
      "import type { TrafficVerdict } from '../proxy/judge-traffic.js';",
      "export { x } from '../report/x.js';",
      "import '../load/side-effect.js';",
      "const m = await import('../load/lazy.js');",
      'import {\n  a,\n  b,\n} from "../load/double.js";',
      "import { test } from '@playwright/test';",
    ].join('\n');
    expect(specifiers(text)).toEqual([
      '../load/usage-error.js',
      '../proxy/judge-traffic.js',
      '../report/x.js',
      '../load/side-effect.js',
      '../load/lazy.js',
      '../load/double.js',
    ]);
  });
});
