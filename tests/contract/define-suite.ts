import { expect, test } from '../../fixtures/test.js';
import { probesOf } from './probes/index.js';
import { NO_DEFAULT_MESSAGE } from './probes/reference.js';

/** Declares one describe block of the contract suite: a test per probe of that suite, each asserting toConform. */
export function defineSuite(suite: string, scope: 'service' | 'default' = 'service'): void {
  test.describe(suite, () => {
    for (const probe of probesOf(suite)) {
      test(probe.title, async ({ session, reference, defaultReference }, testInfo) => {
        const ref = scope === 'service' ? reference : defaultReference;
        // Without a default-service message there is nothing to probe: the report says which settings to add.
        if (ref === null) return test.skip(true, NO_DEFAULT_MESSAGE);
        try {
          await probe.run(session, ref);
        } catch (e) {
          // A probe tripped by a hostile answer is a verdict too, and its text goes through the session's redaction.
          session.fail('probe', '', `the probe stopped: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
        }
        for (const a of session.annotations) testInfo.annotations.push(a);
        expect(session.result()).toConform();
      });
    }
  });
}
