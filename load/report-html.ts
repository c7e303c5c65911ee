import { mergeHistograms, percentileCurve } from './histograms.js';
import type { LoadResult } from './report-json.js';
import { COLUMNS, tableRows, verdictLines } from './report-table.js';
import type { ScenarioResult } from './scenario-result.js';

const W = 560,
  H = 220,
  PAD = 44;
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number): string => String(Number(v.toPrecision(4)));

/** Percentile position on a log axis of 1/(1-p): 50 %, 90 %, 99 %, 99.9 % … equally spaced; max at the right edge. */
function xOfPercentile(p: number): number {
  const nines = (q: number): number => Math.log10(1 / (1 - Math.min(q, 99.99) / 100));
  return PAD + ((p >= 100 ? 4.3 : nines(p)) / 4.3) * (W - 2 * PAD);
}

/** Inline SVG: latency (ms) against percentile, one labelled point per percentile, from the raw HDR histogram. */
export function latencyChart(s: ScenarioResult): string {
  const curve = percentileCurve(mergeHistograms([s.histogram]));
  const top = Math.max(...curve.map((c) => c.ms), 0.001);
  const y = (ms: number): number => H - PAD - (ms / top) * (H - 2 * PAD);
  const pts = curve.map((c) => `${xOfPercentile(c.percentile).toFixed(1)},${y(c.ms).toFixed(1)}`).join(' ');
  const dots = curve.map((c) => {
    const label = c.percentile === 100 ? 'max' : `p${c.percentile}`;
    return `<circle class="point" cx="${xOfPercentile(c.percentile).toFixed(1)}" cy="${y(c.ms).toFixed(1)}" r="3" data-percentile="${c.percentile}" data-ms="${c.ms}"><title>${label}: ${c.ms} ms</title></circle>`;
  });
  const marks = (
    [
      ['p50', s.latency.p50, 50],
      ['p90', s.latency.p90, 90],
      ['p99', s.latency.p99, 99],
      ['p99.9', s.latency.p99_9, 99.9],
      ['max', s.latency.max, 100],
    ] as const
  ).map(
    ([name, ms, p]) =>
      `<text class="value" data-metric="${name}" x="${xOfPercentile(p).toFixed(1)}" y="${H - PAD + 16}" text-anchor="middle">${name}</text><text class="value" x="${xOfPercentile(p).toFixed(1)}" y="${Math.max(12, y(ms) - 8).toFixed(1)}" text-anchor="middle">${num(ms)}</text>`,
  );
  return `<svg class="latency-chart" data-scenario="${esc(s.name)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="latency by percentile, ${esc(s.name)}">
<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/><text x="${PAD}" y="14">latency (ms) by percentile; top ${num(top)} ms</text>
<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#888"/><line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${H - PAD}" stroke="#888"/>
<polyline fill="none" stroke="#2563eb" stroke-width="2" points="${pts}"/>${dots.join('')}${marks.join('')}</svg>`;
}

/** Inline SVG: responses per second over the measured time, one bar per interval. */
export function throughputChart(s: ScenarioResult): string {
  const perSec = s.series.requests.map((c) => (c * 1000) / s.series.interval_ms);
  const top = Math.max(...perSec, 1);
  const bw = (W - 2 * PAD) / Math.max(perSec.length, 1);
  const bars = perSec.map((r, i) => {
    const h = (r / top) * (H - 2 * PAD);
    return `<rect class="bar" x="${(PAD + i * bw).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${Math.max(bw - 1, 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#16a34a" data-rps="${Math.round(r)}"><title>${((i * s.series.interval_ms) / 1000).toFixed(1)} s: ${Math.round(r)} req/s</title></rect>`;
  });
  return `<svg class="throughput-chart" data-scenario="${esc(s.name)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="throughput over time, ${esc(s.name)}">
<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/><text x="${PAD}" y="14">requests/s over time (${s.series.interval_ms} ms steps); peak ${Math.round(top)}</text>
<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#888"/>${bars.join('')}
<text class="value" data-metric="rps" x="${W - PAD}" y="${H - PAD + 16}" text-anchor="end">average ${num(s.requests.average)} req/s over ${s.duration} s</text></svg>`;
}

/** The self-contained HTML report: no scripts, no network; charts are inline SVG. */
export function reportHtml(result: LoadResult): string {
  const table = `<table><tr>${COLUMNS.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>${tableRows(result.scenarios)
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</table>`;
  const sections = result.scenarios.map(
    (
      s,
    ) => `<section class="scenario" id="scenario-${esc(s.name)}"><h2>${esc(s.name)} — ${s.passed ? 'pass' : 'FAIL'}</h2>
<div class="charts">${latencyChart(s)}${throughputChart(s)}</div></section>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Load report</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
svg{border:1px solid #ddd;margin:4px}svg text{font:11px sans-serif}pre{background:#f6f6f6;padding:8px}</style></head><body>
<h1>Load report: ${result.passed ? 'all SLOs met' : 'SLO breached'}</h1><p>Target ${esc(result.target.embedded ? 'embedded emulator' : result.target.url)}; ${esc(result.started)}; ${result.generators.length} generator(s).</p>
${table}<pre>${esc(verdictLines(result.scenarios).join('\n'))}</pre>${sections.join('\n')}</body></html>
`;
}
