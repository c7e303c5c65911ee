import type { Scope } from '../../../spec/contract.js';
import type { SeenCopy } from '../../../spec/checks/index.js';
import type { Target } from '../../../client/settings.js';
import type { Session } from './session.js';

type Json = Record<string, unknown>;

/** The target message's receipts as discovery's pages at the maximum PageSize list them: the order every walk follows. */
export interface Reference {
  /** Which paths it was discovered on: the non-default service's or the default service's. */
  scope: Scope;
  /** Each receipt once, in list order (a receipt a target repeated is kept at its first place). */
  receipts: Json[];
  sids: string[];
  /** Each receipt by sid, with the request that listed it: a later copy must equal it or have moved forward. */
  copies: ReadonlyMap<string, SeenCopy>;
  /** False when discovery stopped before the list ended (CONTRACT_MAX_RECEIPTS): walks compare only this prefix. */
  complete: boolean;
  /** What discovery's own pages showed (judged like any walk); the discovery test reports it. */
  discovery: Session;
}

/** The fewest receipts a target message needs for the pagination probes to mean something. */
export const MIN_RECEIPTS = 3;

/** Why the default-service probes are skipped when the target names no default-service message. */
export const NO_DEFAULT_MESSAGE =
  'TARGET_DEFAULT_CONVERSATION_SID and TARGET_DEFAULT_MESSAGE_SID are not set: set both to a message in the default service to run the default-path probes';

/** The setting that names the message of a scope (for messages and notes about it). */
export const MESSAGE_SETTING: Record<Scope, string> = {
  service: 'TARGET_MESSAGE_SID',
  default: 'TARGET_DEFAULT_MESSAGE_SID',
};

/** Path parameters of the target's message in a scope (and optionally one receipt). */
export function messageParams(target: Target, sid?: string, scope: Scope = 'service'): Record<string, string> {
  const receipt: Record<string, string> = sid ? { Sid: sid } : {};
  if (scope === 'service')
    return {
      ChatServiceSid: target.serviceSid,
      ConversationSid: target.conversationSid,
      MessageSid: target.messageSid,
      ...receipt,
    };
  if (!target.defaultConversationSid || !target.defaultMessageSid) throw new Error(NO_DEFAULT_MESSAGE);
  return { ConversationSid: target.defaultConversationSid, MessageSid: target.defaultMessageSid, ...receipt };
}

/** True when the target names a message for the scope's paths. */
export function hasMessage(target: Target, scope: Scope): boolean {
  return scope === 'service' || Boolean(target.defaultConversationSid && target.defaultMessageSid);
}

/** The list path of the target's message in a scope, with an optional query. */
export function listPath(s: Session, query = '', scope: Scope = 'service'): string {
  return (
    s.contract.paths.build('list', scope, messageParams(s.api.target, undefined, scope)) + (query ? `?${query}` : '')
  );
}

/** Records a precondition failure when the target has too few receipts to probe; true when it has enough. */
export function needReceipts(s: Session, ref: Reference, n = MIN_RECEIPTS): boolean {
  if (ref.sids.length >= n) return true;
  s.fail(
    'target_receipts',
    `the list of ${MESSAGE_SETTING[ref.scope]} gave ${ref.sids.length} receipts; this probe needs at least ${n} (see the list test for why)`,
  );
  return false;
}
