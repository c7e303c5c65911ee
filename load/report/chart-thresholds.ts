import { esc, num, px, type Frame, type Scale } from './chart-axes.js';
import type { Verdict } from '../thresholds/verdicts.js';
import type { WindowSpan } from '../thresholds/window-value.js';

// A rule this far above the data would squash the data into the bottom of the plot: it is drawn at the edge instead.
const SQUASH = 4;
const LABEL_GAP = 12;

/** The latency rules of a scenario: every verdict whose metric is `latency.*`, windowed or not. */
export function latencyRules(verdicts: readonly Verdict[]): Verdict[] {
  return verdicts.filter((v) => v.metric.startsWith('latency.') && Number.isFinite(v.value));
}

/** The window a failed windowed verdict names (any verdict carrying `window: {from_s, to_s}`), else null. */
export function failedWindow(v: Verdict): WindowSpan | null {
  const w = (v as { window?: unknown }).window as Partial<WindowSpan> | undefined;
  const ok = !v.passed && w && typeof w.from_s === 'number' && typeof w.to_s === 'number' && w.to_s > w.from_s;
  return ok ? { from_s: w.from_s!, to_s: w.to_s! } : null;
}

/** The top of a latency axis: the data's top, raised to show every rule up to SQUASH times above the data. */
export function latencyTop(dataMax: number, rules: readonly Verdict[]): number {
  const base = dataMax > 0 ? dataMax : Math.max(0.001, ...rules.map((r) => r.value));
  const near = rules.map((r) => r.value).filter((v) => v <= base * SQUASH);
  return Math.max(base, ...near);
}

/** Baselines for the rule labels: just above each line, pushed apart so no two overlap, kept inside the plot. */
function labelYs(lineYs: number[], f: Frame): number[] {
  const order = lineYs.map((y, i) => ({ i, y: Math.max(f.top + 10, y - 3) })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k].y = Math.max(order[k].y, order[k - 1].y + LABEL_GAP);
  // a stack pushed below the plot moves up as a whole, so the lowest label stays inside and none overlap
  for (let k = order.length - 1; k >= 0; k--)
    order[k].y = Math.min(order[k].y, k === order.length - 1 ? f.bottom - 2 : order[k + 1].y - LABEL_GAP);
  const out: number[] = [];
  for (const o of order) out[o.i] = o.y;
  return out;
}

/** How rule lines are drawn: grey when judged on another result; labels at the left or the right end. */
export interface RuleStyle {
  neutral?: boolean;
  labelAt?: 'left' | 'right';
}

/** A rule's colour: green when it held, red when broken, grey when it was judged on another result. */
export const ruleColor = (r: Verdict, o: RuleStyle): string => (o.neutral ? '#555' : r.passed ? '#15803d' : '#dc2626');

/** One rule: a dashed line across the plot at `y` (a short stub at the top edge when off the scale) and its label. */
function ruleLine(r: Verdict, y: number, labelY: number, off: boolean, f: Frame, o: RuleStyle): string {
  const left = o.labelAt === 'left';
  const [x1, x2] = !off ? [f.left, f.right] : left ? [f.left, f.left + 36] : [f.right - 36, f.right];
  const color = ruleColor(r, o);
  const rule = esc(r.rule.trim());
  const shown = r.measured === null ? 'not measured' : `measured ${num(r.measured)}`;
  return (
    `<g class="rule" data-rule="${rule}" data-metric="${esc(r.metric)}" data-value="${r.value}" data-y="${px(y)}" ` +
    `data-off-scale="${off}"><title>${rule}: ${shown} (${r.passed ? 'held' : 'broken'})</title>` +
    `<line x1="${x1}" y1="${px(y)}" x2="${x2}" y2="${px(y)}" stroke="${color}" stroke-width="1.5" ` +
    `stroke-dasharray="6 4"/><text x="${left ? f.left + 4 : f.right - 2}" y="${px(labelY)}" ` +
    `text-anchor="${left ? 'start' : 'end'}" fill="${color}" stroke="#fff" stroke-width="3" paint-order="stroke">` +
    `${rule}${off ? ' (above the axis ↑)' : ''}</text></g>`
  );
}

/** Each latency rule as a dashed horizontal line at its value on `y`, labelled with its rule text. */
export function ruleLines(rules: readonly Verdict[], f: Frame, y: Scale, o: RuleStyle = {}): string {
  const off = rules.map((r) => r.value > y.max);
  const ys = rules.map((r, i) => (off[i] ? f.top : y.at(Math.max(r.value, 0))));
  const labels = labelYs(ys, f);
  return rules.map((r, i) => ruleLine(r, ys[i], labels[i], off[i], f, o)).join('');
}
