import { test } from '../../fixtures/test.js';
import { probeBody } from './define-suite.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.defaultService, () => {
  for (const probe of probesOf(suites.defaultService)) {
    test(probe.title, probeBody(suites.defaultService, probe, 'default'));
  }
});
