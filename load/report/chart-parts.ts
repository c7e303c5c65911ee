import { esc, num, type TimeSpan } from './chart-axes.js';
import { latencyTimeChart } from './chart-latency-time.js';
import { throughputChart } from './chart-throughput.js';
import type { ScenarioPart, ScenarioResult } from '../result/scenario-result.js';

const WIDTH = 460,
  HEIGHT = 210;

/** A generator's key numbers, each as `data-metric`/`data-value` so a test reads exactly what a person sees. */
function numbers(p: ScenarioPart): string {
  const rows: [string, number, string][] = [
    ['requests', p.requests.total, ''],
    ['rps', p.requests.average, ' req/s'],
    ['p50', p.latency.p50, ' ms'],
    ['p99', p.latency.p99, ' ms'],
    ['max', p.latency.max, ' ms'],
    ['errors', p.errors, ''],
    ['non2xx', p.non2xx, ''],
  ];
  return `<dl class="numbers">${rows
    .map(([k, v, unit]) => `<div data-metric="${k}" data-value="${v}"><dt>${k}</dt><dd>${num(v)}${unit}</dd></div>`)
    .join('')}</dl>`;
}

/** One generator's row: its label, its numbers, its latency over time and its requests/s, on the merged time axis. */
function partRow(s: ScenarioResult, p: ScenarioPart, span: TimeSpan): string {
  const size = { width: WIDTH, height: HEIGHT };
  const latency = latencyTimeChart(p.series, { name: s.name, span, rules: s.thresholds, neutral: true, ...size });
  const rps = throughputChart(p.series, {
    name: s.name,
    span,
    average: p.requests.average,
    duration: p.duration,
    ...size,
  });
  return (
    `<section class="generator" data-generator="${esc(p.generator)}"><h3>${esc(p.generator)}</h3>` +
    `${numbers(p)}<div class="charts">${latency}${rps}</div></section>`
  );
}

/** For a merged run, one row per generator under the merged charts (nothing for a single run). */
export function partRows(s: ScenarioResult, span: TimeSpan): string {
  if (!s.parts?.length) return '';
  const note = 'rules are judged on the merged run; drawn here in grey for reference';
  return (
    `<div class="generators"><p>${s.parts.length} generators, on the merged run's time axis (${note}).</p>` +
    `${s.parts.map((p) => partRow(s, p, span)).join('')}</div>`
  );
}
