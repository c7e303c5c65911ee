import type { Scope } from '../../../spec/contract.js';
import { asObject, pageSids } from '../../../spec/checks/helpers.js';
import type { Target } from '../../../fixtures/target.js';
import type { Session } from './session.js';

type Json = Record<string, unknown>;

/** The target message's receipts as one page at the maximum PageSize lists them: the order every walk must follow. */
export interface Reference {
  receipts: Json[];
  sids: string[];
  /** False when the message has more receipts than one page holds (walks then compare only this prefix). */
  complete: boolean;
}

/** The fewest receipts a target message needs for the pagination probes to mean something. */
export const MIN_RECEIPTS = 3;

/** Path parameters of the target's message (and optionally one receipt). */
export function messageParams(target: Target, sid?: string): Record<string, string> {
  return { ChatServiceSid: target.serviceSid, ConversationSid: target.conversationSid, MessageSid: target.messageSid, ...(sid ? { Sid: sid } : {}) };
}

/** The list path of the target's message, with an optional query. */
export function listPath(s: Session, query = '', scope: Scope = 'service'): string {
  return s.contract.buildPath('list', scope, messageParams(s.api.target)) + (query ? `?${query}` : '');
}

/** Discovers the receipts through the list endpoint (no seed data is assumed); one request. */
export async function discover(s: Session): Promise<Reference> {
  const ex = await s.probe(listPath(s, `PageSize=${s.contract.pageSize.max}`), 'page');
  const body = asObject(ex.response.json);
  const items = ex.response.status === 200 && body && Array.isArray(body[s.contract.listKey]) ? (body[s.contract.listKey] as unknown[]) : [];
  const receipts = items.map(asObject).filter((r): r is Json => r !== null);
  const complete = asObject(body?.meta)?.next_page_url === null;
  return { receipts, sids: pageSids(ex, s.contract), complete };
}

/** Records a precondition failure when the target has too few receipts to probe; true when it has enough. */
export function needReceipts(s: Session, ref: Reference, n = MIN_RECEIPTS): boolean {
  if (ref.sids.length >= n) return true;
  s.fail('target_receipts', '', `the list of TARGET_MESSAGE_SID gave ${ref.sids.length} receipts; this probe needs at least ${n} (see the list test for why)`);
  return false;
}
