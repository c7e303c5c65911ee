import { checks } from '../spec/checks/index.js';
import { formatViolation } from '../spec/violation.js';
import { slots, type Summary, type Tally } from './summary.js';

/** Violations listed in the Markdown report; the JSON report keeps more. */
const MAX_LISTED = 100;

/** One table cell: ✓ held count, ✗ broken of applied, – not exercised. */
function cell(t: Tally): string {
  if (t.broken > 0) return `✗ ${t.broken} of ${t.broken + t.held}`;
  return t.held > 0 ? `✓ ${t.held}` : '–';
}

/** Escapes what would break a Markdown table cell or list item. */
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The summary as Markdown: totals, the table of checks by operation and scope, then the violations. */
export function summaryMarkdown(s: Summary): string {
  const lines = [
    `# Traffic judged against the contract (${escape(s.source)})`,
    '',
    `${s.exchanges} exchanges: ${s.exchanges - s.outside} judged, ${s.outside} outside the spec (not judged); ` +
      `${s.violationCount} violations.`,
    '',
    `| check | ${slots.join(' | ')} | verdict |`,
    `|---|${slots.map(() => '---|').join('')}---|`,
    ...checks.map(
      (c) =>
        `| \`${c.name}\` | ${slots.map((slot) => cell(s.tally(c.name, slot))).join(' | ')} | ${s.status(c.name)} |`,
    ),
    '',
    '## Violations',
    '',
  ];
  if (s.violations.length === 0) lines.push('None.');
  for (const v of s.violations.slice(0, MAX_LISTED)) lines.push(`- ${escape(formatViolation(v))}`);
  if (s.violationCount > MAX_LISTED) lines.push('', `(${s.violationCount - MAX_LISTED} more: see summary.json)`);
  return lines.join('\n') + '\n';
}
