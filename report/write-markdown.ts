import { verdictLine, type Conformance, type ConformanceRow } from './conformance-model.js';

const MARK: Record<ConformanceRow['status'], string> = {
  held: '✓ held',
  broken: '✗ broken',
  known: '~ known',
  'not exercised': '– not exercised',
};

/** Escapes a table cell: a pipe or a newline would end it. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The rows a reader must see first: broken, then known, then held, then not exercised. */
const ORDER: ConformanceRow['status'][] = ['broken', 'known', 'held', 'not exercised'];

/** conformance.md: a one-line verdict, the first violations, the table of rules, readings and known deviations. */
export function conformanceMarkdown(c: Conformance): string {
  const out = [`# Contract conformance: ${verdictLine(c)}`, ''];
  out.push(
    `Target ${c.target.url}${c.target.embedded ? ' (embedded emulator)' : ''} · spec ${c.spec_version} · ` +
      `seed ${c.seed} · ${c.tests} tests · ${c.generated_at}`,
    '',
  );
  if (c.first_violations.length > 0) {
    out.push('## First violations', '', ...c.first_violations.map((l) => `- \`${l.replace(/`/g, "'")}\``), '');
  }
  out.push(
    '## Rules',
    '',
    '| check | operation | scope | verdict | exchanges | violations | first violation |',
    '|---|---|---|---|---|---|---|',
  );
  const rows = [...c.rows].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  for (const r of rows) {
    const count = r.known ? `${r.violations} (${r.known} known)` : String(r.violations);
    const cells = [`\`${r.check}\``, r.operation, r.scope, MARK[r.status], r.exchanges, count, cell(r.first ?? '')];
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (c.unjudged.length > 0) {
    out.push('', '## Tests that failed outside the checks', '', ...c.unjudged.map((t) => `- ${cell(t)}`), '');
  }
  if (c.not_run.length > 0) {
    const lines = c.not_run.map(
      (n) => `- ${cell(n.reason)} (${n.tests.length} test${n.tests.length === 1 ? '' : 's'})`,
    );
    out.push('', '## Not exercised: tests skipped, and why', '', ...lines);
  }
  out.push('', '## Readings the target chose', '');
  out.push(
    ...(c.readings.length ? c.readings.map((a) => `- **${cell(a.type)}**: ${cell(a.description)}`) : ['- none noted']),
  );
  if (c.known) {
    out.push(
      '',
      `## Known deviations (${c.known.file})`,
      '',
      '| entry | check | narrowed to | status | matched | reason |',
      '|---|---|---|---|---|---|',
    );
    for (const e of c.known.entries) {
      const narrow = [e.operation, e.scope, e.pointer].filter((x) => x !== undefined).join(' ') || 'all';
      const status =
        e.status === 'fixed'
          ? 'fixed: matched nothing, remove it'
          : e.status === 'not exercised'
            ? 'not exercised this run: keep it'
            : e.status === 'expired'
              ? `expired ${e.expires}`
              : 'known';
      out.push(`| ${e.entry} | \`${e.check}\` | ${cell(narrow)} | ${status} | ${e.matched} | ${cell(e.reason)} |`);
    }
  }
  return out.join('\n') + '\n';
}
