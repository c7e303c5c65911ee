import type { Series } from '../measure/series.js';

/** A chart's size and its plot area in SVG pixels (the plot spans left..right, top..bottom). */
export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A linear map from data values to pixels, with the nice round ticks drawn on its axis. */
export interface Scale {
  /** Domain: from `min` to `max` in data units. */
  min: number;
  max: number;
  at(v: number): number;
  ticks: Tick[];
}

/** One labelled tick: its data value, its text and where it sits (px along its axis). */
export interface Tick {
  value: number;
  label: string;
  px: number;
}

/** A chart frame: room on the left for y labels, at the bottom for x labels, at the top for title and legend. */
export function frame(width: number, height: number, top = 40, below = 34): Frame {
  return { width, height, left: 52, right: width - 18, top, bottom: height - below };
}

/** HTML/SVG text escaping for anything that came from a result file. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A number as people read it: four significant digits, no trailing zeros. */
export const num = (v: number): string => String(Number(v.toPrecision(4)));
/** A pixel coordinate as written into the SVG. */
export const px = (v: number): string => v.toFixed(1);

/** The 1, 2 or 5 times a power of ten closest above span/count: steps a person counts in. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.999);
  return step ?? 10 * power;
}

/** A tick label with as many decimals as the step needs (0.25 s, 20 ms), never 0.30000000000000004; 20k for 20000. */
export function tickLabel(v: number, step: number): string {
  if (v === 0) return '0';
  if (step >= 1000 && Math.abs(v) >= 10_000) return `${Number((v / 1000).toPrecision(6))}k`;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return v.toFixed(Math.min(decimals, 6));
}

/**
 * A scale from 0 to `top` mapped onto pixels r0..r1 (r0 is where 0 sits), ticked in nice steps. `round` raises the
 * domain to the next tick (a value axis); without it the domain ends at `top` exactly (a time axis ends with the run).
 */
export function linearScale(top: number, r0: number, r1: number, count = 5, round = true): Scale {
  const step = niceStep(top > 0 ? top : 1, count);
  const max = round ? Math.max(step, Math.ceil(top / step - 1e-9) * step) : top > 0 ? top : step;
  const at = (v: number): number => r0 + (v / max) * (r1 - r0);
  const ticks: Tick[] = [];
  for (let k = 0; k * step <= max + step * 1e-9; k++) {
    const value = Number((k * step).toPrecision(12));
    ticks.push({ value, label: tickLabel(value, step), px: at(value) });
  }
  return { min: 0, max, at, ticks };
}

/** The y scale of a plot: 0 at the bottom edge, `top` (rounded up to a nice tick) at the top edge. */
export const yScale = (f: Frame, top: number): Scale => linearScale(top, f.bottom, f.top);

/** The measured time a chart spans: when interval 0 began, and how many intervals it shows. */
export interface TimeSpan {
  origin: number;
  interval_ms: number;
  intervals: number;
}

/** The time span of a series (a merged run's series spans every generator's). */
export function timeSpanOf(s: Series): TimeSpan {
  return { origin: Date.parse(s.start), interval_ms: s.interval_ms, intervals: Math.max(s.requests.length, 1) };
}

/** Where interval 0 of `s` falls in `span`, in intervals (a generator that started later is shifted right). */
export function offsetIn(span: TimeSpan, s: Series): number {
  const shift = Math.round((Date.parse(s.start) - span.origin) / span.interval_ms);
  return Number.isFinite(shift) ? shift : 0;
}

/** The x scale in seconds from the measured start, across the plot. */
export function timeScale(f: Frame, span: TimeSpan): Scale {
  return linearScale((span.intervals * span.interval_ms) / 1000, f.left, f.right, 6, false);
}

/** Tick marks, labels and light grid lines for both axes, and the axes' titles. */
export function axes(f: Frame, x: Tick[], y: Tick[], titles: { x: string; y: string }): string {
  const xs = x.map(
    (t) =>
      `<g class="tick x" data-value="${t.value}" data-px="${px(t.px)}"><line x1="${px(t.px)}" y1="${f.top}" ` +
      `x2="${px(t.px)}" y2="${f.bottom + 4}" stroke="#eee"/><text x="${px(t.px)}" y="${f.bottom + 16}" ` +
      `text-anchor="middle">${esc(t.label)}</text></g>`,
  );
  const ys = y.map(
    (t) =>
      `<g class="tick y" data-value="${t.value}" data-px="${px(t.px)}"><line x1="${f.left - 4}" y1="${px(t.px)}" ` +
      `x2="${f.right}" y2="${px(t.px)}" stroke="#eee"/><text x="${f.left - 6}" y="${px(t.px + 3)}" ` +
      `text-anchor="end">${esc(t.label)}</text></g>`,
  );
  const middle = (f.top + f.bottom) / 2;
  return (
    `${xs.join('')}${ys.join('')}<path d="M${f.left} ${f.top}V${f.bottom}H${f.right}" fill="none" stroke="#888"/>` +
    `<text class="axis-title x" x="${(f.left + f.right) / 2}" y="${f.height - 4}" text-anchor="middle">` +
    `${esc(titles.x)}</text><text class="axis-title y" x="12" y="${middle}" text-anchor="middle" ` +
    `transform="rotate(-90 12 ${middle})">${esc(titles.y)}</text>`
  );
}
