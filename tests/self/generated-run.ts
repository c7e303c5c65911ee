import { Api, defaultLimits } from '../../client/api.js';
import type { Target } from '../../client/settings.js';
import { contract } from '../../spec/contract.js';
import type { FailureRecord } from '../contract/generated/failures-file.js';
import type { GeneratedSettings } from '../contract/generated/generated-settings.js';
import { replayFailures, type ReplayLine } from '../contract/generated/replay-failures.js';
import { runGenerated, type GeneratedRun } from '../contract/generated/run-generated.js';
import { otherSid } from '../contract/probes/other-sids.js';
import { discoverReference } from '../contract/probes/discover-reference.js';
import { hasMessage } from '../contract/probes/reference.js';
import { Session } from '../contract/probes/session.js';

/** Short limits: a broken emulator must end a self-test quickly. */
const LIMITS = { timeoutMs: 3000 };

/** Runs a callback with an Api at a target, closing its connections after. */
async function withApi<T>(target: Target, budget: number, fn: (api: Api) => Promise<T>): Promise<T> {
  const api = new Api(target, otherSid(contract, 'account_sid', target.accountSid), {
    ...defaultLimits,
    ...LIMITS,
    maxRequests: budget + 32, // discovery's pages of both scopes and the phase's harvest besides its budget
  });
  try {
    return await fn(api);
  } finally {
    api.close();
  }
}

/** The generated phase alone against a target (its references discovered first, as the suite's fixtures do). */
export function generateAgainst(target: Target, settings: GeneratedSettings): Promise<GeneratedRun> {
  return withApi(target, settings.budget, async (api) => {
    const service = await discoverReference(new Session(api, contract));
    const dflt = hasMessage(target, 'default') ? await discoverReference(new Session(api, contract), 'default') : null;
    return runGenerated(api, { service, default: dflt }, settings);
  });
}

/** Replays saved failures against a target, as `npm run contract:replay` does. */
export function replayAgainst(target: Target, records: FailureRecord[]): Promise<ReplayLine[]> {
  return withApi(target, records.length * 4, (api) => replayFailures(api, records));
}
