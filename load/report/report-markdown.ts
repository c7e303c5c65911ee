import type { LoadResult } from '../result/load-result.js';
import { COLUMNS, statusLine, tableRows, verdictLines } from './report-table.js';
import { mergeLine } from './report-html.js';

/** A Markdown summary fit for a pull-request comment: verdict, table, SLO lines, non-2xx by status. */
export function reportMarkdown(result: LoadResult): string {
  const head = `### Load: ${result.passed ? '✅ all SLOs met' : '❌ SLO breached'}`;
  const gens =
    result.generators.length > 1 ? `, ${result.generators.length} generators merged${mergeLine(result)}` : '';
  const table = [COLUMNS, COLUMNS.map(() => '---'), ...tableRows(result.scenarios)].map((r) => `| ${r.join(' | ')} |`);
  const statuses = result.scenarios.map(
    (s) =>
      `- ${s.name}: non-2xx by status ${statusLine(s)}; ${s.urls} distinct URLs; ${s.requests.total} responses in ${s.duration} s`,
  );
  return [
    head,
    '',
    `Target ${result.target.embedded ? 'embedded emulator' : `\`${result.target.url}\``}, ${result.started}${gens}.`,
    '',
    ...table,
    '',
    '```',
    ...verdictLines(result.scenarios),
    '```',
    '',
    ...statuses,
    '',
  ].join('\n');
}
