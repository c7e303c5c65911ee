import { test } from '../../fixtures/test.js';
import { probeBody } from './define-suite.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.errors, () => {
  for (const probe of probesOf(suites.errors)) test(probe.title, probeBody(suites.errors, probe));
});
