import type { Contract } from '../spec/contract.js';
import type { Violation } from '../spec/violation.js';
import type { ExchangeRecord, RecordedViolation, RowOperation, RowScope } from './record-types.js';

/** The report row an exchange belongs to: its operation and scope from the spec's paths. */
export interface Row {
  operation: RowOperation;
  scope: RowScope;
}

/** The operation and scope a request path addresses; a path outside the spec (a malformed SID) by its shape. */
export function rowOf(pathAndQuery: string, contract: Contract): Row {
  const path = pathAndQuery.replace(/^[A-Z]+ /, '').split('?')[0];
  const match = contract.paths.match(path);
  if (match) return { operation: match.op.name, scope: match.op.scope };
  // The collection templates end in a literal segment, the instance templates in a parameter.
  const lists = contract.paths.operations.filter((o) => o.name === 'list');
  const last = (t: string) => t.split('/').pop();
  const operation = lists.some((o) => last(o.template) === last(path)) ? 'list' : 'fetch';
  const service = contract.paths.operations
    .find((o) => o.scope === 'service')!
    .template.split('/')
    .slice(0, 3)
    .join('/');
  return { operation, scope: path.startsWith(service + '/') ? 'service' : 'default' };
}

/** Violations with their rows: by their request, else (a finding across exchanges) by the last exchange judged. */
export function withRows(
  violations: Violation[],
  exchanges: ExchangeRecord[],
  contract: Contract,
): RecordedViolation[] {
  const last = exchanges.at(-1);
  const fallback: Row = last
    ? { operation: last.operation, scope: last.scope }
    : { operation: 'list', scope: 'service' };
  return violations.map((v) => ({ ...v, ...(v.request ? rowOf(v.request, contract) : fallback) }));
}
