import type { Api } from '../../../client/api.js';
import { contract } from '../../../spec/contract.js';
import { formatViolation } from '../../../spec/violation.js';
import type { FailureRecord } from './failures-file.js';
import { runCase } from './run-case.js';

/** One replayed case: FIXED when it now gives no violation, FAILED with what it still shows. */
export interface ReplayLine {
  fixed: boolean;
  text: string;
}

/** Sends each saved case again to the api's target, judged by the same oracle, one at a time (in the saved order). */
export async function replayFailures(api: Api, records: FailureRecord[]): Promise<ReplayLine[]> {
  const lines: ReplayLine[] = [];
  for (const r of records) {
    const { violations } = await runCase(api, contract, r.case);
    const was = `[${r.check}] ${r.pointer || '(response)'}`;
    if (violations.length === 0) lines.push({ fixed: true, text: `FIXED  ${was} GET ${r.case.path}` });
    else
      lines.push({
        fixed: false,
        text: `FAILED ${was} GET ${r.case.path}\n       now: ${violations.map(formatViolation).join('\n       now: ')}`,
      });
  }
  return lines;
}
