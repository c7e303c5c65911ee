import { Api, defaultLimits, type ApiLimits } from '../../../target/api.js';
import type { Target } from '../../../target/settings.js';
import { contract } from '../../../spec/contract.js';
import type { Violation } from '../../../spec/violation.js';
import { probes } from './index.js';
import { otherSid } from './other-sids.js';
import { discover, hasMessage } from './reference.js';
import { Session, type Annotation } from './session.js';

/**
 * Every probe of the contract suite run in-process against one target, probes side by side (the self-test's
 * `npm run contract`); the notes the probes made (which reading the target chose) go into `notes` when given.
 */
export async function runProbes(target: Target, limits: Partial<ApiLimits> = {}, notes?: Annotation[]): Promise<Violation[]> {
  const api = new Api(target, otherSid(contract, 'account_sid', target.accountSid), { ...defaultLimits, ...limits });
  try {
    const ref = await discover(new Session(api, contract));
    const defaultRef = hasMessage(target, 'default') ? await discover(new Session(api, contract), 'default') : null;
    const found = await Promise.all(
      probes.map(async (probe) => {
        const session = new Session(api, contract);
        const use = probe.scope === 'default' ? defaultRef : ref;
        if (use) await probe.run(session, use); // no default-service message: those probes are skipped, as in the suite
        notes?.push(...session.annotations);
        return session.violations;
      }),
    );
    return found.flat();
  } finally {
    api.close();
  }
}
