import { test } from '../../fixtures/test.js';
import { probeBody } from './define-suite.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.auth, () => {
  for (const probe of probesOf(suites.auth)) test(probe.title, probeBody(suites.auth, probe));
});
