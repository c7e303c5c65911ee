// Prints the plain closing line CI reads, from Playwright's JSON report; a step that failed before it counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const rc = Number(process.argv[2] ?? 1);
const file = 'reports/results.json';
if (!existsSync(file)) {
  console.log(`0 passed, ${rc === 0 ? 0 : 1} failed`);
} else {
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  const failed = stats.unexpected + stats.flaky + (rc !== 0 && stats.unexpected === 0 ? 1 : 0);
  console.log(`${stats.expected} passed, ${failed} failed, ${stats.skipped} skipped`);
}
