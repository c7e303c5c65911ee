import { test } from '../../fixtures/test.js';
import { probeBody } from './define-suite.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.scoping, () => {
  for (const probe of probesOf(suites.scoping)) test(probe.title, probeBody(suites.scoping, probe));
});
