import type { AuthMode } from '../../../spec/checks/index.js';
import { messageParams, type Reference } from './reference.js';
import type { Session } from './session.js';

/** Lists and fetches with bad credentials: each gets 401 with Twilio's Authenticate error body and no receipt data. */
export async function unauthorized(s: Session, ref: Reference, auth: Exclude<AuthMode, 'valid'>): Promise<void> {
  const params = messageParams(
    s.api.target,
    ref.sids[0] ?? s.contract.sids.prefix('sid') + '0'.repeat(s.contract.sids.length('sid') - 2),
  );
  await s.probe(s.contract.paths.build('list', 'service', messageParams(s.api.target)), 'unauthorized', {}, auth);
  await s.probe(s.contract.paths.build('fetch', 'service', params), 'unauthorized', {}, auth);
}
