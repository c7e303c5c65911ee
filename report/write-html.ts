import { verdictLine, type Conformance, type ConformanceRow, type KnownOutcome } from './conformance-model.js';

/** Escapes text for HTML content and attribute values. */
const esc = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}code{font-size:12px}
tr.broken td.verdict{background:#fdd}tr.known td.verdict{background:#ffd}tr.held td.verdict{background:#dfd}
tr.not-exercised{color:#888}.verdict-line{font-size:1.2em;font-weight:600}`;

/** A cell already escaped, or a [class, cell] pair. */
type Cell = string | [string, string];

/** A table row, with data attributes a test (or a script) can read. */
const tr = (attrs: Record<string, string | number>, cells: Cell[]) =>
  `<tr ${Object.entries(attrs)
    .map(([k, v]) => `${k}="${esc(String(v))}"`)
    .join(' ')}>` +
  cells.map((c) => (typeof c === 'string' ? `<td>${c}</td>` : `<td class="${c[0]}">${c[1]}</td>`)).join('') +
  '</tr>';

/** A header row. */
const th = (names: string[]) => `<tr>${names.map((n) => `<th>${n}</th>`).join('')}</tr>`;

/** One rule's row; the verdict cell is coloured by its status. */
function ruleRow(r: ConformanceRow): string {
  const attrs = {
    class: r.status.replace(' ', '-'),
    'data-check': r.check,
    'data-operation': r.operation,
    'data-scope': r.scope,
    'data-status': r.status,
  };
  const count = `${r.violations}${r.known ? ` (${r.known} known)` : ''}`;
  const cells: Cell[] = [
    `<code>${esc(r.check)}</code>`,
    esc(r.operation),
    esc(r.scope),
    ['verdict', esc(r.status)],
    String(r.exchanges),
    count,
    `<code>${esc(r.first ?? '')}</code>`,
  ];
  return tr(attrs, cells);
}

/** One known entry's row. */
const knownRow = (e: KnownOutcome) =>
  tr({ 'data-entry': e.entry, 'data-status': e.status }, [
    String(e.entry),
    `<code>${esc(e.check)}</code>`,
    esc(e.status),
    String(e.matched),
    esc(e.reason),
  ]);

/** The conformance section as HTML: verdict, first violations, rules, readings and known deviations. */
export function conformanceSection(c: Conformance): string {
  const where = `Target ${esc(c.target.url)}${c.target.embedded ? ' (embedded emulator)' : ''}`;
  const items = c.first_violations.map((l) => `<li><code>${esc(l)}</code></li>`).join('');
  const first = items ? `<h2>First violations</h2><ul>${items}</ul>` : '';
  const rules =
    th(['check', 'operation', 'scope', 'verdict', 'exchanges', 'violations', 'first violation']) +
    c.rows.map(ruleRow).join('\n');
  const readings = c.readings.map((a) => `<li><b>${esc(a.type)}</b>: ${esc(a.description)}</li>`).join('');
  const failed = c.unjudged.map((t) => `<li>${esc(t)}</li>`).join('');
  const unjudged = failed ? `<h2>Tests that failed outside the checks</h2><ul class="unjudged">${failed}</ul>` : '';
  const skipped = c.not_run.map((n) => `<li>${esc(n.reason)} (${n.tests.length} tests)</li>`).join('');
  const notRun = skipped ? `<h2>Not exercised: tests skipped, and why</h2><ul>${skipped}</ul>` : '';
  const known = c.known
    ? `<h2>Known deviations (${esc(c.known.file)})</h2><table class="known">` +
      `${th(['entry', 'check', 'status', 'matched', 'reason'])}${c.known.entries.map(knownRow).join('')}</table>`
    : '';
  return (
    `<section id="conformance" data-verdict="${esc(c.verdict)}"><p class="verdict-line">${esc(verdictLine(c))}</p>` +
    `<p class="meta">${where} · spec ${esc(c.spec_version)} · seed ${esc(c.seed)} · ${c.tests} tests</p>${first}` +
    `<h2>Rules</h2><table class="rules">${rules}</table>${unjudged}${notRun}` +
    `<h2>Readings the target chose</h2><ul>${readings || '<li>none noted</li>'}</ul>${known}</section>`
  );
}

/** conformance.html: the section in a self-contained page (no script, no network). */
export function conformanceHtml(c: Conformance): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contract conformance</title>' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<style>${STYLE}</style></head><body><h1>Contract conformance</h1>${conformanceSection(c)}</body></html>\n`
  );
}
