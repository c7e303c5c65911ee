import { readFileSync } from 'node:fs';
import { UsageError } from '../client/usage-error.js';
import { contract } from '../spec/contract.js';
import { routeOfPath } from '../spec/checks/judged.js';
import { formatViolation } from '../spec/violation.js';

type Json = Record<string, unknown>;
/** A receipt seen in the recording, with the line it came from and whether it was read in the default scope. */
export interface SeenReceipt {
  r: Json;
  line: number;
  inDefault: boolean;
}

/** The receipts a recording's successful list and fetch answers hold, in the order first seen (one per SID). */
export function receiptsOf(file: string): { seen: SeenReceipt[]; names: Map<string, string> } {
  const seen = new Map<string, SeenReceipt>();
  const names = new Map<string, string>(); // unique name used in a path -> the CH SID its receipts carry
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      let line: { request?: { path?: string }; response?: { status?: number; text?: string } };
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        throw new UsageError(`${file} line ${i + 1} is not JSON`);
      }
      const route = routeOfPath(String(line.request?.path ?? ''), contract);
      if (!route || line.response?.status !== 200) return;
      let body: Json;
      try {
        body = JSON.parse(String(line.response.text)) as Json;
      } catch {
        throw new UsageError(`${file} line ${i + 1} is a 200 whose body is not JSON`);
      }
      const items = route.op.name === 'fetch' ? [body] : body?.[contract.paging.listKey];
      if (!Array.isArray(items))
        throw new UsageError(`${file} line ${i + 1} is a 200 list without ${contract.paging.listKey}`);
      items.forEach((r: Json, k) => {
        const schema = route.scope === 'default' ? 'Receipt' : 'ServiceReceipt';
        const [first] = contract.validate(schema, r, 'dataset');
        if (first)
          throw new UsageError(`${file} line ${i + 1} holds a broken receipt (#${k}): ${formatViolation(first)}`);
        if (!seen.has(String(r.sid))) seen.set(String(r.sid), { r, line: i + 1, inDefault: route.scope === 'default' });
        const named = route.params.ConversationSid;
        if (named && named !== r.conversation_sid) names.set(named, String(r.conversation_sid));
      });
    });
  return { seen: [...seen.values()], names };
}
