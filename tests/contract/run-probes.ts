import { Api, defaultLimits, type ApiLimits } from '../../client/api.js';
import type { Target } from '../../client/settings.js';
import { contract } from '../../spec/contract.js';
import type { Violation } from '../../spec/violation.js';
import { probes } from './probes/index.js';
import { otherSid } from './probes/other-sids.js';
import { discoverReference } from './probes/discover-reference.js';
import { DEFAULT_MAX_RECEIPTS } from './probes/max-receipts.js';
import { hasMessage } from './probes/reference.js';
import { Session, type Annotation } from './probes/session.js';
import type { GeneratedSettings } from './generated/generated-settings.js';
import { runGenerated } from './generated/run-generated.js';

/** The generated phase as the self-test runs it: a fixed seed, and a budget a little above the example cases. */
export const SELFTEST_GENERATED: GeneratedSettings = { seed: 9, budget: 200 };

/**
 * How runProbes runs: the generated phase's settings (false: fixed probes only), where the probes' notes go, and
 * how many receipts discovery reads (CONTRACT_MAX_RECEIPTS).
 */
export interface RunOptions {
  generated?: GeneratedSettings | false;
  notes?: Annotation[];
  maxReceipts?: number;
}

/**
 * Every probe of the contract suite run in-process against one target, probes side by side, then the generated
 * phase when they pass (the self-test's `npm run contract`); the notes the probes made (which reading the target
 * chose) go into `notes` when given.
 */
export async function runProbes(
  target: Target,
  limits: Partial<ApiLimits> = {},
  options: RunOptions = {},
): Promise<Violation[]> {
  const { generated = SELFTEST_GENERATED, notes, maxReceipts = DEFAULT_MAX_RECEIPTS } = options;
  const other = otherSid(contract, 'account_sid', target.accountSid);
  const api = new Api(target, other, { ...defaultLimits, ...limits });
  try {
    const ref = await discoverReference(new Session(api, contract), 'service', maxReceipts);
    const defaultRef = hasMessage(target, 'default')
      ? await discoverReference(new Session(api, contract), 'default', maxReceipts)
      : null;
    const found = await Promise.all(
      probes.map(async (probe) => {
        const session = new Session(api, contract);
        const use = probe.scope === 'default' ? defaultRef : ref;
        // no default-service message, or no setting a probe requires: it is skipped, as in the suite
        if (use && !probe.requires?.(target)) await probe.run(session, use);
        notes?.push(...session.annotations);
        return session.violations;
      }),
    );
    // A run the fixed probes fail is failing already: the generated phase (slower) is proven alone in generated-corner.spec.ts.
    if (generated === false || found.some((v) => v.length > 0)) return found.flat();
    // Its own client, as in the suite: the same limits, with room for the whole budget.
    const genApi = new Api(target, other, {
      ...defaultLimits,
      ...limits,
      maxRequests: generated.budget + 8, // 429s retried do not count
    });
    try {
      const run = await runGenerated(genApi, { service: ref, default: defaultRef }, generated);
      return [...found.flat(), ...run.violations];
    } finally {
      genApi.close();
    }
  } finally {
    api.close();
  }
}
