import { px, type Frame } from './chart-axes.js';
import type { Bin } from './chart-bins.js';
import type { LegendItem } from './chart-svg.js';
import type { Outcomes } from '../send/outcomes.js';

/** Requests without an answer, drawn above the answers: one colour per way they failed, none a status family's. */
const FAILED: [key: keyof Bin['failed'], label: string, color: string][] = [
  ['connect_failed', 'failed to connect', '#111827'],
  ['failed_after_send', 'reset or closed after send', '#db2777'],
  ['timed_out', 'timed out', '#0e7490'],
];

/** Where a bin's segment goes: x from the bin's seconds, y from requests per second. */
interface Place {
  x: (seconds: number) => number;
  y: (perSecond: number) => number;
}

/** Legend entries for the ways requests failed in this run (none when every request was answered). */
export function failureLegend(o: Outcomes): LegendItem[] {
  return FAILED.filter(([key]) => o[key] > 0).map(([key, label, color]) => ({
    label: `${label}: ${o[key]}`,
    color,
    data: { outcome: key, total: o[key] },
  }));
}

/** Requests per second a bin had, answered or failed (the y axis covers both). */
export const perSecond = (b: Bin): number =>
  (b.requests + b.failed.connect_failed + b.failed.failed_after_send + b.failed.timed_out) / (b.to_s - b.from_s);

/** Failed requests stacked on each bin's answers (`below`: answers per bin), one group per way of failing. */
export function failureStacks(bins: Bin[], below: number[], at: Place): string {
  const top = [...below];
  return FAILED.map(([key, , color]) => {
    const rects = bins.map((b, i) => {
      const n = b.failed[key];
      if (n <= 0) return '';
      const rate = (k: number): number => k / (b.to_s - b.from_s);
      const [x0, x1, y0, y1] = [at.x(b.from_s), at.x(b.to_s), at.y(rate(top[i])), at.y(rate(top[i] + n))];
      top[i] += n;
      return (
        `<rect class="failure" data-outcome="${key}" data-first="${b.first}" data-last="${b.last}" data-count="${n}" ` +
        `x="${px(x0)}" y="${px(y1)}" width="${px(Math.max(x1 - x0 - 1, 1))}" height="${px(y0 - y1)}"/>`
      );
    });
    return `<g class="failures" data-outcome="${key}" fill="${color}">${rects.join('')}</g>`;
  }).join('');
}

/** Bands behind the bars over runs of bins without an answer in which requests failed: the target was out. */
export function outageBands(bins: Bin[], f: Frame, x: (seconds: number) => number): string {
  const out: string[] = [];
  for (let i = 0; i < bins.length; i++) {
    if (bins[i].requests > 0) continue;
    let j = i;
    while (j + 1 < bins.length && bins[j + 1].requests === 0) j++;
    const [from, to] = [bins[i], bins[j]];
    if (bins.slice(i, j + 1).some((b) => perSecond(b) > 0))
      out.push(
        `<rect class="outage" data-from="${from.from_s}" data-to="${to.to_s}" x="${px(x(from.from_s))}" ` +
          `y="${px(f.top)}" width="${px(x(to.to_s) - x(from.from_s))}" height="${px(f.bottom - f.top)}" ` +
          'fill="#fee2e2"><title>no answer</title></rect>',
      );
    i = j;
  }
  return out.join('');
}
