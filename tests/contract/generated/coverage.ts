import { inputClass, requestKey, type GenCase } from './gen-case.js';

/** One row of the coverage table: an operation in a scope, a class of input, and the statuses it got. */
export interface CoverageRow {
  operation: string;
  scope: string;
  input: string;
  sent: number;
  statuses: Record<string, number>;
}

/** What the generated phase sent, per operation, scope and class of input, and which HTTP statuses came back. */
export class Coverage {
  private readonly rows = new Map<string, CoverageRow>();
  /** Each request sent, by credentials and path: a small input class is drawn again and again at a large budget. */
  private readonly requests = new Set<string>();

  /** Counts one sent case and its status (0: no complete response). */
  add(c: GenCase, status: number): void {
    this.requests.add(requestKey(c));
    const key = `${c.op}\t${c.scope}\t${inputClass(c)}`;
    let row = this.rows.get(key);
    if (!row)
      this.rows.set(key, (row = { operation: c.op, scope: c.scope, input: inputClass(c), sent: 0, statuses: {} }));
    row.sent++;
    row.statuses[String(status)] = (row.statuses[String(status)] ?? 0) + 1;
  }

  /** Rows sorted by operation, scope and input class (a stable order for the JSON file and the table). */
  table(): CoverageRow[] {
    return [...this.rows.values()].sort((a, b) =>
      `${a.operation} ${a.scope} ${a.input}`.localeCompare(`${b.operation} ${b.scope} ${b.input}`),
    );
  }

  /** Distinct cases sent so far (credentials and path; a walk counts as its first page's). */
  distinct(): number {
    return this.requests.size;
  }

  /** Requests counted so far. */
  total(): number {
    return [...this.rows.values()].reduce((n, r) => n + r.sent, 0);
  }
}

/** The coverage as a Markdown table: one line per operation, scope and class, statuses as `404×3`. */
export function coverageMarkdown(rows: CoverageRow[]): string {
  const lines = ['| operation | scope | input | sent | statuses |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const statuses = Object.entries(r.statuses)
      .sort()
      .map(([s, n]) => `${s === '0' ? 'no response' : s}×${n}`)
      .join(', ');
    lines.push(`| ${r.operation} | ${r.scope} | \`${r.input}\` | ${r.sent} | ${statuses} |`);
  }
  return lines.join('\n');
}
