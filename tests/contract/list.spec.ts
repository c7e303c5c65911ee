import { test } from '../../fixtures/test.js';
import { probeBody } from './define-suite.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.list, () => {
  for (const probe of probesOf(suites.list)) test(probe.title, probeBody(suites.list, probe));
});
