import { axes, px, timeScale, yScale, type TimeSpan } from './chart-axes.js';
import { binsOf, type Bin } from './chart-bins.js';
import { failureLegend, failureStacks, outageBands, perSecond } from './chart-failures.js';
import { framed, legend, svgChart, type LegendItem } from './chart-svg.js';
import type { ScenarioResult } from '../result/scenario-result.js';

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

/** Where a bin's segment goes: x from the bin's seconds, y from answers per second. */
interface Place {
  x: (seconds: number) => number;
  y: (perSecond: number) => number;
}

/** One code's segments, one per bin that had it, stacked on the codes before it (2xx at the bottom). */
function segments(code: string, bins: Bin[], below: number[], color: string, at: Place): string {
  const rects = bins.map((b, i) => {
    const n = b.codes[code] ?? 0;
    if (n === 0) return ''; // nothing to see, and a long run with many codes would carry thousands of empty rects
    const rate = (k: number): number => k / (b.to_s - b.from_s);
    const [x0, x1, y0, y1] = [at.x(b.from_s), at.x(b.to_s), at.y(rate(below[i])), at.y(rate(below[i] + n))];
    return (
      `<rect class="point" data-code="${code}" data-first="${b.first}" data-last="${b.last}" data-count="${n}" ` +
      `x="${px(x0)}" y="${px(y1)}" width="${px(Math.max(x1 - x0 - 1, 1))}" height="${px(y0 - y1)}"/>`
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
  const failures = failureLegend(s.outcomes);
  const f = framed(560, 250, [...items, ...failures]);
  const bins = binsOf(s.series, span);
  const y = yScale(f, Math.max(1, ...bins.map(perSecond)));
  const x = timeScale(f, span);
  const below = bins.map(() => 0);
  const stacks = codes.map((c) => {
    const drawn = segments(c, bins, below, colors[c], { x: x.at, y: y.at });
    bins.forEach((b, i) => (below[i] += b.codes[c] ?? 0));
    return drawn;
  });
  const failed = failures.length ? '; failed requests on top, outages shaded' : '';
  const titles = { x: 's from the measured start', y: failures.length ? 'requests/s' : 'answers/s' };
  const body =
    outageBands(bins, f, x.at) +
    axes(f, x.ticks, y.ticks, titles) +
    stacks.join('') +
    failureStacks(bins, below, { x: x.at, y: y.at }) +
    legend([...items, ...failures], f);
  return svgChart('status-chart', s.name, f, `answers per status code${failed || ', stacked'}`, body);
}
