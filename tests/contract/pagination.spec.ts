import { expect, test } from '../../fixtures/test.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.pagination, () => {
  for (const probe of probesOf(suites.pagination)) {
    test(probe.title, async ({ session, reference }, testInfo) => {
      await probe.run(session, reference);
      testInfo.annotations.push(...session.annotations);
      expect(session.result()).toConform();
    });
  }
});
