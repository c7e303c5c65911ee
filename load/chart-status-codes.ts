import { axes, offsetIn, px, timeScale, yScale, type TimeSpan } from './chart-axes.js';
import { framed, legend, svgChart, type LegendItem } from './chart-svg.js';
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

interface Place {
  x: (i: number) => number;
  w: (i: number) => number;
  y: (count: number) => number;
}

/** One code's segments, one per interval, each stacked on the codes before it (2xx at the bottom). */
function segments(code: string, counts: number[], below: number[], color: string, at: Place): string {
  const rects = counts.map((n, i) => {
    const [from, to] = [below[i] ?? 0, (below[i] ?? 0) + n];
    return (
      `<rect class="point segment" data-code="${code}" data-interval="${i}" data-count="${n}" x="${px(at.x(i))}" ` +
      `y="${px(at.y(to))}" width="${px(at.w(i))}" height="${px(at.y(from) - at.y(to))}"/>`
    );
  });
  return `<g class="code" data-code="${code}" fill="${color}">${rects.join('')}</g>`;
}

/** Inline SVG: answers/s over the measured time, stacked by status code; the legend names each code's total. */
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
  const y = yScale(f, Math.max(1, ...s.series.requests.map(perSec)));
  const x = timeScale(f, span);
  const offset = offsetIn(span, s.series);
  const left = (i: number): number => x.at(((offset + i) * span.interval_ms) / 1000);
  const at: Place = { x: left, w: (i) => Math.max(left(i + 1) - left(i) - 1, 1), y: (n) => y.at(perSec(n)) };
  const below = s.series.requests.map(() => 0);
  const stacks = codes.map((c, k) => {
    const drawn = segments(c, counts[k], [...below], colors[c], at);
    counts[k].forEach((n, i) => (below[i] += n));
    return drawn;
  });
  const errors = s.errors > 0 ? `; ${s.errors} requests got no answer (errors, timeouts)` : '';
  const body =
    axes(f, x.ticks, y.ticks, { x: 's from the measured start', y: 'answers/s' }) + stacks.join('') + legend(items, f);
  return svgChart('status-chart', s.name, f, `answers per status code, stacked${errors}`, body);
}
