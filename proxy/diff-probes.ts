import type { Contract, Scope } from '../spec/contract.js';
import type { ExchangeResponse } from '../spec/checks/index.js';
import { followPath } from '../client/link-policy.js';
import type { Target } from '../client/settings.js';

/** Which credentials a diff probe sends. */
export type DiffAuth = 'valid' | 'none' | 'wrong-token';

/** One request sent to both targets: its path from that target's own SIDs and what it saw before. */
export interface DiffProbe {
  name: string;
  auth: DiffAuth;
  /** The path and query for a target; null when that target cannot make it (the probe is then reported as such). */
  path(t: Target, seen: Map<string, ExchangeResponse>, contract: Contract): string | null;
}

/** The receipts list of a target's message in a scope (null when it names no default-service message). */
function list(t: Target, scope: Scope, contract: Contract, query = ''): string | null {
  const conversation = scope === 'service' ? t.conversationSid : t.defaultConversationSid;
  const message = scope === 'service' ? t.messageSid : t.defaultMessageSid;
  if (!conversation || !message) return null;
  return (
    contract.paths.build('list', scope, {
      ChatServiceSid: t.serviceSid,
      ConversationSid: conversation,
      MessageSid: message,
    }) + query
  );
}

/** A body's field by path, or undefined. */
function field(r: ExchangeResponse | undefined, ...keys: (string | number)[]): unknown {
  return keys.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    r?.json,
  );
}

const FIRST = 'list PageSize=2';

/** The discovery and probe requests, in order; later ones may use what earlier ones saw. */
export const diffProbes: readonly DiffProbe[] = [
  { name: FIRST, auth: 'valid', path: (t, _s, c) => list(t, 'service', c, '?PageSize=2') },
  {
    name: 'second page (next_page_url)',
    auth: 'valid',
    path: (t, s) => followPath(field(s.get(FIRST), 'meta', 'next_page_url'), t),
  },
  { name: 'list (default PageSize)', auth: 'valid', path: (t, _s, c) => list(t, 'service', c) },
  {
    name: 'list PageSize above the maximum',
    auth: 'valid',
    path: (t, _s, c) => list(t, 'service', c, `?PageSize=${c.paging.pageSize.max + 1}`),
  },
  {
    name: 'list PageSize below the minimum',
    auth: 'valid',
    path: (t, _s, c) => list(t, 'service', c, `?PageSize=${c.paging.pageSize.min - 1}`),
  },
  {
    name: 'list with a PageToken never issued',
    auth: 'valid',
    path: (t, _s, c) => list(t, 'service', c, '?PageSize=2&PageToken=PTneverissued'),
  },
  {
    name: 'fetch the first listed receipt',
    auth: 'valid',
    path: (t, s, c) => {
      const sid = field(s.get(FIRST), c.paging.listKey, 0, 'sid');
      return typeof sid === 'string' ? `${list(t, 'service', c)}/${encodeURIComponent(sid)}` : null;
    },
  },
  {
    name: 'fetch an unknown receipt',
    auth: 'valid',
    path: (t, _s, c) => `${list(t, 'service', c)}/${c.sids.prefix('sid')}${'f'.repeat(c.sids.length('sid') - 2)}`,
  },
  {
    name: 'fetch a malformed receipt SID',
    auth: 'valid',
    path: (t, _s, c) => `${list(t, 'service', c)}/${c.sids.prefix('sid')}nope`,
  },
  { name: 'list without credentials', auth: 'none', path: (t, _s, c) => list(t, 'service', c) },
  { name: 'list with a wrong token', auth: 'wrong-token', path: (t, _s, c) => list(t, 'service', c) },
  { name: 'default-service list PageSize=2', auth: 'valid', path: (t, _s, c) => list(t, 'default', c, '?PageSize=2') },
];
