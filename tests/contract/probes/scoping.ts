import type { SidField } from '../../../spec/contract.js';
import type { Target } from '../../../client/settings.js';
import { spread } from './spread.js';
import { otherSid } from './other-sids.js';
import { messageParams, needReceipts, type Reference } from './reference.js';
import type { Session } from './session.js';

/** Path parameter and the SID field it holds. */
const FIELDS: Record<string, SidField> = {
  ChatServiceSid: 'chat_service_sid',
  ConversationSid: 'conversation_sid',
  MessageSid: 'message_sid',
};

/** Lists and fetches the message's receipts with one path parameter swapped for another well-formed SID: nothing comes back. */
export async function scopedTo(
  s: Session,
  ref: Reference,
  param: 'ChatServiceSid' | 'ConversationSid' | 'MessageSid',
): Promise<void> {
  if (!needReceipts(s, ref, 1)) return;
  const params = messageParams(s.api.target, ref.sids[0], ref.scope);
  const swapped = { ...params, [param]: otherSid(s.contract, FIELDS[param], params[param]) };
  await s.probe(s.contract.paths.build('list', ref.scope, swapped), 'hidden');
  await s.probe(s.contract.paths.build('fetch', ref.scope, swapped), 'hidden');
}

/** The non-default service's message and receipt addressed on the default-service paths: nothing comes back. */
export async function hiddenFromDefault(s: Session, ref: Reference): Promise<void> {
  if (!needReceipts(s, ref, 1)) return;
  const params = messageParams(s.api.target, ref.sids[0]);
  await s.probe(s.contract.paths.build('list', 'default', params), 'hidden');
  await s.probe(s.contract.paths.build('fetch', 'default', params), 'hidden');
}

/** Why the tenancy probes are skipped when the target names no second account (the report says which settings add it). */
export const NO_OTHER_ACCOUNT =
  'TARGET_OTHER_ACCOUNT_SID and TARGET_OTHER_AUTH_TOKEN are not set: set both to a second account of the target to run the tenancy probes';

/** Why a target cannot be probed for tenancy (no second account), or null when it can. */
export function needsOtherAccount(target: Target): string | null {
  return target.otherAccountSid && target.otherAuthToken ? null : NO_OTHER_ACCOUNT;
}

/** Receipts one tenancy probe requests with the other account (spread over the list; the seed's messages whole). */
export const MAX_TENANT_FETCHES = 200;

/**
 * The second account's own valid credentials (TARGET_OTHER_*) on this account's message: the list (at the default and
 * the largest PageSize) and every discovered receipt (up to MAX_TENANT_FETCHES, spread over the whole list) get a
 * 401, 403, 404 or an empty page, never a receipt.
 */
export async function hiddenFromOtherTenant(s: Session, ref: Reference): Promise<void> {
  if (!needReceipts(s, ref, 1)) return;
  const list = s.contract.paths.build('list', ref.scope, messageParams(s.api.target, undefined, ref.scope));
  await s.probe(list, 'other_tenant', {}, 'other-tenant');
  await s.probe(`${list}?PageSize=${s.contract.paging.pageSize.max}`, 'other_tenant', {}, 'other-tenant');
  const sids = spread(ref.sids, MAX_TENANT_FETCHES);
  for (const sid of sids) {
    const fetch = s.contract.paths.build('fetch', ref.scope, messageParams(s.api.target, sid, ref.scope));
    await s.probe(fetch, 'other_tenant', {}, 'other-tenant');
  }
  const part = sids.length < ref.sids.length ? ` (a sample spread over the ${ref.sids.length} discovered)` : '';
  s.note('tenancy', `${sids.length} receipt(s) and 2 list pages requested with TARGET_OTHER_ACCOUNT_SID${part}`);
}
