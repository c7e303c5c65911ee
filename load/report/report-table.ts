import type { ScenarioResult } from '../result/scenario-result.js';
import { formatVerdict } from '../thresholds/verdicts.js';

/** Column headings of the summary table (console and Markdown). */
export const COLUMNS = [
  'scenario',
  'mode',
  'req/s',
  'MB/s',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'errors',
  'timeouts',
  'non-2xx',
  '429',
  'invalid/sampled',
  'SLO',
];

const n = (v: number): string => String(Number(v.toPrecision(4)));

/** One summary row per scenario: the numbers a reviewer looks at first. */
export function tableRows(scenarios: readonly ScenarioResult[]): string[][] {
  return scenarios.map((s) => [
    s.name,
    s.mode === 'open' ? `open ${s.settings.rate}/s` : `closed ×${s.settings.connections}`,
    n(s.requests.average),
    n(s.throughput.average / 1e6),
    n(s.latency.p50),
    n(s.latency.p90),
    n(s.latency.p99),
    n(s.latency.p99_9),
    n(s.latency.max),
    String(s.errors),
    String(s.timeouts),
    String(s.non2xx),
    String(s.rate_limited),
    `${s.mismatches}/${s.sampled}`,
    s.passed ? 'pass' : 'FAIL',
  ]);
}

/** Non-2xx answers by status code, e.g. `404×3 500×1` ('-' when none). */
export function statusLine(s: ScenarioResult): string {
  const other = Object.entries(s.status_codes).filter(([code]) => !code.startsWith('2'));
  return other.length ? other.map(([code, count]) => `${code}×${count}`).join(' ') : '-';
}

/** Where a scenario's requests ended, each bucket once: `fetch requests: 120 started: 100 answered, …`. */
export function requestsLine(s: ScenarioResult): string[] {
  const o = s.outcomes;
  if (!o || o.started === 0) return [];
  const buckets =
    `${o.answered} answered, ${o.timed_out} timed out, ${o.connect_failed} failed to connect, ` +
    `${o.failed_after_send} failed after send, ${o.not_sent} not sent (the run ended); ${s.requests.sent} sent`;
  const extra = [
    o.resent > 0 ? `${o.resent} written again after an answer that closed their connection` : '',
    o.unpaired > 0 ? `${o.unpaired} answers to no request (not judged)` : '',
    `judged ${s.sampled} of ${s.requests.total - s.non2xx} 2xx answers`,
  ].filter(Boolean);
  return [`  ${s.name} requests: ${o.started} started: ${[buckets, ...extra].join('; ')}`];
}

/** Every SLO verdict line, then where the requests ended, notes and invalid-body examples, per scenario. */
export function verdictLines(scenarios: readonly ScenarioResult[]): string[] {
  return scenarios.flatMap((s) => [
    ...s.thresholds.map((v) => formatVerdict(s.name, v)),
    ...requestsLine(s),
    ...s.notes.map((note) => `✗ ${s.name} ${note}`),
    ...s.invalid_examples.map((e) => `  ${s.name} invalid body: ${e}`),
  ]);
}

/** The console table: fixed-width columns, then the verdicts. */
export function consoleTable(scenarios: readonly ScenarioResult[]): string {
  const rows = [COLUMNS, ...tableRows(scenarios)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), ...rows.slice(1).map(line), '', ...verdictLines(scenarios)].join('\n');
}
