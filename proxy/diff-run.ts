import type { Contract } from '../spec/contract.js';
import type { ExchangeResponse } from '../spec/checks/index.js';
import type { Target } from '../client/settings.js';
import { authHeader } from '../client/auth-header.js';
import { diffProbes } from './diff-probes.js';
import { getBounded, type GetLimits } from '../client/http-get.js';
import { routeOfPath } from '../spec/checks/judged.js';
import { inReceipt, shapeOf, type Shape } from './shape.js';

/** One structural difference: which probe, where, and what each side had. */
export interface ShapeDifference {
  probe: string;
  pointer: string;
  a: string;
  b: string;
}

/** One GET as the checks read it: a transport failure is `error` (one line), never a throw. */
async function answerOf(url: string, headers: Record<string, string>, limits: GetLimits): Promise<ExchangeResponse> {
  try {
    return await getBounded(url, headers, limits);
  } catch (e) {
    return { status: 0, headers: {}, text: '', error: String((e as Error).message).split('\n')[0] };
  }
}

/** Sends every probe to one target, in order, each seeing the earlier answers; a probe it cannot make is null. */
async function runSide(t: Target, contract: Contract, limits: GetLimits): Promise<Map<string, Shape | null>> {
  const seen = new Map<string, ExchangeResponse>();
  const shapes = new Map<string, Shape | null>();
  for (const probe of diffProbes) {
    const path = probe.path(t, seen, contract);
    if (path === null) {
      shapes.set(probe.name, null);
      continue;
    }
    const response = await answerOf(t.url + path, authHeader(probe.auth, t, ''), limits);
    seen.set(probe.name, response);
    shapes.set(probe.name, shapeOf(response, contract, routeOfPath(path, contract)?.op.name === 'fetch'));
  }
  return shapes;
}

/** True when two kinds at a pointer agree: equal, or (in a receipt) one side only null, which is data. */
function agree(pointer: string, a: string | undefined, b: string | undefined, contract: Contract): boolean {
  if (a === b) return true;
  return a !== undefined && b !== undefined && inReceipt(pointer, contract) && (a === 'null' || b === 'null');
}

/** The differences between two shapes of one probe: every pointer either side has, compared. */
function compare(probe: string, a: Shape, b: Shape, contract: Contract): ShapeDifference[] {
  const pointers = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return pointers
    .filter((p) => !agree(p, a[p], b[p], contract))
    .map((p) => ({ probe, pointer: p, a: a[p] ?? 'absent', b: b[p] ?? 'absent' }));
}

/** What a diff found: the differences, and the probes one side could not make (no default-service message). */
export interface DiffResult {
  differences: ShapeDifference[];
  skipped: string[];
}

/** Sends the same probes to both targets and lists their structural differences (empty: same shape throughout). */
export async function diffTargets(a: Target, b: Target, contract: Contract, limits: GetLimits): Promise<DiffResult> {
  const [sa, sb] = [await runSide(a, contract, limits), await runSide(b, contract, limits)];
  const skipped: string[] = [];
  const differences = diffProbes.flatMap(({ name }) => {
    const [x, y] = [sa.get(name) ?? null, sb.get(name) ?? null];
    if (x === null || y === null) return (void skipped.push(name), []);
    return compare(name, x, y, contract);
  });
  return { differences, skipped };
}

/** One line of a difference: `[probe] pointer: A …, B …`. */
export function formatDifference(d: ShapeDifference): string {
  return `[${d.probe}] ${d.pointer}: A ${d.a}, B ${d.b}`;
}
