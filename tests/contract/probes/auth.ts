import type { AuthMode } from '../../../spec/checks/index.js';
import { messageParams, type Reference } from './reference.js';
import type { Session } from './session.js';

/** Lists and fetches with bad credentials: each gets 401 with Twilio's Authenticate error body and no receipt data. */
export async function unauthorized(s: Session, ref: Reference, auth: Exclude<AuthMode, 'valid'>): Promise<void> {
  const params = messageParams(s.api.target, ref.sids[0] ?? s.contract.sidPrefix('sid') + '0'.repeat(s.contract.sidLength('sid') - 2));
  await s.probe(s.contract.buildPath('list', 'service', messageParams(s.api.target)), 'unauthorized', {}, auth);
  await s.probe(s.contract.buildPath('fetch', 'service', params), 'unauthorized', {}, auth);
}
