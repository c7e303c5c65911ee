import { Api, defaultLimits } from '../../client/api.js';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { readGeneratedSettings } from './generated/generated-settings.js';
import { requestsPerSecond, writeGenerated } from './generated/write-generated.js';
import { otherSid } from './probes/other-sids.js';
import { suiteLimits } from '../../client/run-limits.js';
import { cutShort, markCutShort } from './cut-short.js';
import { CONFORMANCE_ATTACHMENT } from '../../conformance/record-types.js';
import { readKnown } from '../../conformance/known-deviations.js';
import { applyKnown } from '../../conformance/known-match.js';
import { withRows } from '../../conformance/row-of.js';
import { recordText } from '../../conformance/test-record.js';
import { formatViolation } from '../../spec/violation.js';

// CONTRACT_KNOWN was validated by the config before any test ran; each worker reads the same file.
const known = readKnown(process.env)?.entries ?? [];

/** Requests the phase sends besides its budget: discovering tokens on both scopes. */
const HARVEST = 8;

test.describe('Generated requests (from the spec, judged by every check)', () => {
  test('answers every generated request as the spec allows, for both operations and both scopes', async ({
    target,
    reference,
    defaultReference,
  }, testInfo) => {
    const settings = readGeneratedSettings(process.env);
    testInfo.annotations.push({
      type: 'CONTRACT_SEED',
      description: `${settings.seed} (repeat this run with CONTRACT_SEED=${settings.seed})`,
    });
    console.log(`generated requests: CONTRACT_SEED=${settings.seed} CONTRACT_BUDGET=${settings.budget}`); // the console report too
    // Its own client: the same limits and 429 handling as the fixed probes, with room for the whole budget.
    const api = new Api(target, otherSid(contract, 'account_sid', target.accountSid), {
      ...defaultLimits,
      ...suiteLimits(), // the run's patience, deadline and rate-limiting verdict, as the fixed probes have them
      maxRequests: settings.budget + HARVEST,
    });
    try {
      const cut = cutShort(api); // a test already failed on a target that serves nothing, or past the deadline
      if (cut) return test.skip(true, cut);
      // fast-check and the case generators load in the worker that runs this test only, not in the runner listing it
      const { runGenerated } = await import('./generated/run-generated.js');
      const run = await runGenerated(api, { service: reference, default: defaultReference }, settings);
      const table = writeGenerated(run);
      testInfo.annotations.push({
        type: 'generated',
        description:
          `${run.sent} requests (${run.distinct} distinct cases) in ${run.seconds.toFixed(2)} s ` +
          `(${requestsPerSecond(run)} requests/s), ` +
          `CONTRACT_BUDGET=${settings.budget}`,
      });
      await testInfo.attach('coverage of generated requests', { body: table, contentType: 'text/markdown' });
      // As in the fixed probes: a violation a CONTRACT_KNOWN entry covers is reported as known, not failed.
      const violations = applyKnown(withRows(run.violations, [], contract), known);
      const record = {
        test: testInfo.titlePath.slice(1).join(' › '),
        target: { url: target.url, publicUrl: target.publicUrl },
        exchanges: [],
        violations,
        annotations: [],
      };
      await testInfo.attach(CONFORMANCE_ATTACHMENT, {
        body: recordText(record, target),
        contentType: 'application/json',
      });
      for (const v of violations.filter((r) => r.known !== undefined)) {
        testInfo.annotations.push({
          type: 'known deviation',
          description: `${formatViolation(v)}: ${known[v.known!].reason}`,
        });
      }
      const failing = violations.filter((v) => v.known === undefined);
      markCutShort(api, failing.length > 0);
      await expect(failing).toConform();
    } finally {
      api.close();
    }
  });
});
