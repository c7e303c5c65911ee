import { malformedSids, otherSid } from './other-sids.js';
import { messageParams, type Reference } from './reference.js';
import type { Session } from './session.js';

/** An unknown, well-formed receipt SID: 404 with Twilio's error body. */
export async function unknownReceipt(s: Session, ref: Reference): Promise<void> {
  let sid = otherSid(s.contract, 'sid', ref.sids[0]);
  if (ref.sids.includes(sid)) sid = otherSid(s.contract, 'sid');
  await s.probe(s.contract.paths.build('fetch', 'service', messageParams(s.api.target, sid)), 'not_found');
}

/** Malformed receipt, message and service SIDs: a 4xx with Twilio's error body, never a 5xx. */
export async function malformedSidsRejected(s: Session): Promise<void> {
  const base = messageParams(s.api.target, otherSid(s.contract, 'sid'));
  const cases = [
    ...malformedSids(s.contract, 'sid').map((v) => ({ ...base, Sid: v })),
    ...malformedSids(s.contract, 'message_sid')
      .slice(0, 1)
      .map((v) => ({ ...base, MessageSid: v })),
    ...malformedSids(s.contract, 'chat_service_sid')
      .slice(0, 1)
      .map((v) => ({ ...base, ChatServiceSid: v })),
  ];
  for (const params of cases) await s.probe(s.contract.paths.build('fetch', 'service', params), 'rejected');
}
