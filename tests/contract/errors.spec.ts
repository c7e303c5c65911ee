import { expect, test } from '../../fixtures/test.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.errors, () => {
  for (const probe of probesOf(suites.errors)) {
    test(probe.title, async ({ session, reference }, testInfo) => {
      await probe.run(session, reference);
      testInfo.annotations.push(...session.annotations);
      expect(session.result()).toConform();
    });
  }
});
