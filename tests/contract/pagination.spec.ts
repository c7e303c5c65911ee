import { test } from '../../fixtures/test.js';
import { probeBody } from './define-suite.js';
import { probesOf, suites } from './probes/index.js';

test.describe(suites.pagination, () => {
  for (const probe of probesOf(suites.pagination)) test(probe.title, probeBody(suites.pagination, probe));
});
