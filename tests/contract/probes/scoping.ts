import type { SidField } from '../../../spec/contract.js';
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
