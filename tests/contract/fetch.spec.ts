import { test } from '../../fixtures/test.js';
import { probeBody } from './define-suite.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.fetch, () => {
  for (const probe of probesOf(suites.fetch)) test(probe.title, probeBody(suites.fetch, probe));
});
