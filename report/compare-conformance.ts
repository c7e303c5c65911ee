import type { Conformance, ConformanceRow } from './conformance-model.js';

/** One rule whose verdict moved between two runs. */
export interface RuleChange {
  rule: string;
  from: ConformanceRow['status'] | 'absent';
  to: ConformanceRow['status'] | 'absent';
  first?: string;
}

/** broke: now broken, not before; fixed: broken or known before, held now; changed: any other move. */
export interface Comparison {
  broke: RuleChange[];
  fixed: RuleChange[];
  changed: RuleChange[];
  unchanged: number;
}

const ruleOf = (r: ConformanceRow) => `${r.check} ${r.operation}/${r.scope}`;

/** Compares two reports rule by rule. */
export function compareConformance(before: Conformance, after: Conformance): Comparison {
  const old = new Map(before.rows.map((r) => [ruleOf(r), r]));
  const now = new Map(after.rows.map((r) => [ruleOf(r), r]));
  const out: Comparison = { broke: [], fixed: [], changed: [], unchanged: 0 };
  for (const rule of new Set([...old.keys(), ...now.keys()])) {
    const from = old.get(rule)?.status ?? 'absent';
    const to = now.get(rule)?.status ?? 'absent';
    const change: RuleChange = { rule, from, to, ...(now.get(rule)?.first ? { first: now.get(rule)!.first } : {}) };
    if (from === to) out.unchanged++;
    else if (to === 'broken') out.broke.push(change);
    else if ((from === 'broken' || from === 'known') && to === 'held') out.fixed.push(change);
    else out.changed.push(change);
  }
  return out;
}

/** The printed comparison: a section per kind of change, then the two headlines. */
export function comparisonText(c: Comparison, before: Conformance, after: Conformance): string {
  const lines: string[] = [];
  const section = (title: string, mark: string, items: RuleChange[]) => {
    lines.push(`${title} (${items.length}):`);
    for (const i of items)
      lines.push(`  ${mark} ${i.rule}: ${i.from} → ${i.to}${i.to === 'broken' && i.first ? `: ${i.first}` : ''}`);
  };
  section('broke', '✗', c.broke);
  section('fixed', '✓', c.fixed);
  section('changed', '~', c.changed);
  lines.push(`unchanged: ${c.unchanged} rules`);
  const h = (x: Conformance) =>
    `${x.headline.rules_held}/${x.headline.rules_exercised} rules held (spec ${x.spec_version})`;
  lines.push(`before: ${h(before)}; after: ${h(after)}`);
  return lines.join('\n');
}
