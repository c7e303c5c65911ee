import { esc, timeSpanOf } from './chart-axes.js';
import { latencyTimeChart } from './chart-latency-time.js';
import { partRows } from './chart-parts.js';
import { percentileChart } from './chart-percentiles.js';
import { statusChart } from './chart-status-codes.js';
import { throughputChart } from './chart-throughput.js';
import type { LoadResult } from '../result/load-result.js';
import { COLUMNS, tableRows, verdictLines } from './report-table.js';
import type { ScenarioResult } from '../result/scenario-result.js';

const STYLE =
  'body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}' +
  'td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}svg{border:1px solid #ddd;margin:4px}' +
  'svg text{font:11px sans-serif;fill:#222}svg .chart-title{font-weight:600}pre{background:#f6f6f6;padding:8px}' +
  '.charts{display:flex;flex-wrap:wrap}.generator{border-left:3px solid #ddd;padding-left:10px;margin:12px 0}' +
  '.numbers{display:flex;flex-wrap:wrap;gap:4px 16px;margin:4px}.numbers div{display:flex;gap:4px}' +
  '.numbers dt{color:#555}.numbers dd{margin:0;font-weight:600}';

/** One scenario's section: its verdict, the merged charts, then one row per generator when it was a merge. */
function section(s: ScenarioResult): string {
  const span = timeSpanOf(s.series);
  const charts = [
    latencyTimeChart(s.series, { name: s.name, span, rules: s.thresholds }),
    percentileChart(s),
    statusChart(s, span),
    throughputChart(s.series, { name: s.name, span, average: s.requests.average, duration: s.duration }),
  ];
  return (
    `<section class="scenario" id="scenario-${esc(s.name)}"><h2>${esc(s.name)} — ${s.passed ? 'pass' : 'FAIL'}</h2>` +
    `<div class="charts">${charts.join('')}</div>${partRows(s, span)}</section>`
  );
}

/** For a merge: the inputs' shards and each scenario's start skew, so a reader sees the windows lined up. */
export function mergeLine(result: LoadResult): string {
  const m = result.merge;
  if (!m) return '';
  const shards = m.inputs.map((i) => i.shard).filter(Boolean);
  const skew = Object.entries(m.skew_ms).map(([name, ms]) => `${name} ${ms} ms`);
  return `${shards.length ? `, shards ${shards.join(', ')}` : ''}${skew.length ? `; start skew ${skew.join(', ')}` : ''}`;
}

/** The self-contained HTML report: no scripts, no network; charts are inline SVG. */
export function reportHtml(result: LoadResult): string {
  const table = `<table><tr>${COLUMNS.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>${tableRows(result.scenarios)
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</table>`;
  const target = result.target.embedded ? 'embedded emulator' : result.target.url;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Load report</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${STYLE}</style></head><body>
<h1>Load report: ${result.passed ? 'all SLOs met' : 'SLO breached'}</h1>
<p>Target ${esc(target)}; ${esc(result.started)}; ${result.generators.length} generator(s)${esc(mergeLine(result))}.</p>
${table}<pre>${esc(verdictLines(result.scenarios).join('\n'))}</pre>
${result.scenarios.map(section).join('\n')}</body></html>
`;
}
