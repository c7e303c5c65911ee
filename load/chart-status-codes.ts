import { axes, offsetIn, px, timeScale, yScale, type TimeSpan } from './chart-axes.js';
import { pointRadius } from './chart-latency-time.js';
import { framed, gappedLines, legend, svgChart, type LegendItem } from './chart-svg.js';
import type { ScenarioResult } from './scenario-result.js';

// Families a person tells apart at a glance: success green, client errors amber, rate limiting its own violet,
// server errors red, anything else slate.
const FAMILIES: [test: (code: number) => boolean, colors: string[]][] = [
  [(c) => c >= 200 && c < 300, ['#16a34a', '#065f46', '#4ade80', '#15803d']],
  [(c) => c === 429, ['#7c3aed']],
  [(c) => c >= 400 && c < 500, ['#d97706', '#92400e', '#f59e0b', '#b45309']],
  [(c) => c >= 500 && c < 600, ['#dc2626', '#7f1d1d', '#f87171', '#991b1b']],
  [() => true, ['#475569', '#0891b2', '#94a3b8']],
];

/** A colour per status code: its family's colours in turn, by code order within the family. */
export function statusColors(codes: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = FAMILIES.map(() => 0);
  for (const code of codes) {
    const k = FAMILIES.findIndex(([test]) => test(Number(code)));
    const colors = FAMILIES[k][1];
    out[code] = colors[used[k]++ % colors.length];
  }
  return out;
}

/** Every status code the scenario saw, in numeric order. */
const codesOf = (s: ScenarioResult): string[] =>
  [...new Set([...Object.keys(s.status_codes), ...Object.keys(s.series.status_codes)])].sort(
    (a, b) => Number(a) - Number(b) || a.localeCompare(b),
  );

/** Inline SVG: answers per second for each status code over the measured time; the legend names each code's total. */
export function statusChart(s: ScenarioResult, span: TimeSpan): string {
  const codes = codesOf(s);
  const colors = statusColors(codes);
  const items: LegendItem[] = codes.map((c) => {
    const total = s.status_codes[c] ?? 0;
    return { label: `${c}: ${total}`, color: colors[c], data: { code: c, total } };
  });
  const f = framed(560, 250, items);
  const perSec = (count: number): number => (count * 1000) / span.interval_ms;
  const counts = codes.map((c) => s.series.status_codes[c] ?? []);
  const y = yScale(f, Math.max(1, ...counts.flat().map(perSec)));
  const x = timeScale(f, span);
  const offset = offsetIn(span, s.series);
  const seconds = (i: number): number => ((offset + i + 0.5) * span.interval_ms) / 1000;
  const r = pointRadius(x.at(span.interval_ms / 1000) - x.at(0));
  const lines = codes.map((c, k) => {
    const pts = counts[k].map((n, i) => [x.at(seconds(i)), y.at(perSec(n))] as [number, number]);
    const dots = counts[k].map(
      (n, i) =>
        `<circle class="point" data-code="${c}" data-interval="${i}" data-count="${n}" cx="${px(pts[i][0])}" ` +
        `cy="${px(pts[i][1])}" r="${n === 0 ? 0 : r}"/>`,
    );
    return `<g class="line" data-code="${c}" fill="${colors[c]}">${gappedLines(pts, colors[c])}${dots.join('')}</g>`;
  });
  const errors = s.errors > 0 ? `; ${s.errors} requests got no answer (errors, timeouts)` : '';
  const body =
    axes(f, x.ticks, y.ticks, { x: 's from the measured start', y: 'answers/s' }) + lines.join('') + legend(items, f);
  return svgChart('status-chart', s.name, f, `answers per status code${errors}`, body);
}
