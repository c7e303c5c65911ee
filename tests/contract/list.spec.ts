import { expect, test } from '../../fixtures/test.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.list, () => {
  for (const probe of probesOf(suites.list)) {
    test(probe.title, async ({ session, reference }, testInfo) => {
      await probe.run(session, reference);
      testInfo.annotations.push(...session.annotations);
      expect(session.result()).toConform();
    });
  }
});
