import { expect, test } from '../../fixtures/test.js';
import { probesOf, suites } from './probes/index.js';
import { NO_DEFAULT_MESSAGE } from './probes/reference.js';

test.describe(suites.defaultService, () => {
  for (const probe of probesOf(suites.defaultService)) {
    test(probe.title, async ({ session, defaultReference }, testInfo) => {
      // Without a default-service message there is nothing to probe: the report says which settings to add.
      if (defaultReference === null) return test.skip(true, NO_DEFAULT_MESSAGE);
      await probe.run(session, defaultReference);
      testInfo.annotations.push(...session.annotations);
      expect(session.result()).toConform();
    });
  }
});
