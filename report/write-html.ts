import { verdictLine, type Conformance } from './conformance-model.js';

/** Escapes text for HTML content and attribute values. */
const esc = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}code{font-size:12px}
tr.broken td.verdict{background:#fdd}tr.known td.verdict{background:#ffd}tr.held td.verdict{background:#dfd}
tr.not-exercised{color:#888}.verdict-line{font-size:1.2em;font-weight:600}`;

/** The conformance section as HTML: the rows of the Markdown, with data attributes a test (or a script) can read. */
export function conformanceSection(c: Conformance): string {
  const rows = c.rows.map((r) => `<tr class="${r.status.replace(' ', '-')}" data-check="${esc(r.check)}" data-operation="${r.operation}"`
    + ` data-scope="${r.scope}" data-status="${r.status}"><td><code>${esc(r.check)}</code></td><td>${r.operation}</td>`
    + `<td>${r.scope}</td><td class="verdict">${r.status}</td><td>${r.exchanges}</td><td class="violations">${r.violations}`
    + `${r.known ? ` (${r.known} known)` : ''}</td><td><code>${esc(r.first ?? '')}</code></td></tr>`);
  const readings = c.readings.map((a) => `<li><b>${esc(a.type)}</b>: ${esc(a.description)}</li>`).join('') || '<li>none noted</li>';
  const known = c.known ? `<h2>Known deviations (${esc(c.known.file)})</h2><table class="known"><tr><th>entry</th><th>check</th>`
    + `<th>status</th><th>matched</th><th>reason</th></tr>${c.known.entries.map((e) => `<tr data-entry="${e.entry}" `
    + `data-status="${e.status}"><td>${e.entry}</td><td><code>${esc(e.check)}</code></td><td>${e.status}</td><td>${e.matched}</td>`
    + `<td>${esc(e.reason)}</td></tr>`).join('')}</table>` : '';
  return `<section id="conformance" data-verdict="${esc(c.verdict)}"><p class="verdict-line">${esc(verdictLine(c))}</p>`
    + `<p class="meta">Target ${esc(c.target.url)}${c.target.embedded ? ' (embedded emulator)' : ''} · spec ${esc(c.spec_version)}`
    + ` · seed ${esc(c.seed)} · ${c.tests} tests</p>`
    + `<table class="rules"><tr><th>check</th><th>operation</th><th>scope</th><th>verdict</th><th>exchanges</th><th>violations</th>`
    + `<th>first violation</th></tr>${rows.join('\n')}</table><h2>Readings the target chose</h2><ul>${readings}</ul>${known}</section>`;
}

/** conformance.html: the section in a self-contained page (no script, no network). */
export function conformanceHtml(c: Conformance): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contract conformance</title>`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
    + `<style>${STYLE}</style></head><body><h1>Contract conformance</h1>${conformanceSection(c)}</body></html>\n`;
}
