import { Api, defaultLimits } from '../../fixtures/api.js';
import { expect, test } from '../../fixtures/test.js';
import { contract } from '../../spec/contract.js';
import { readGeneratedSettings } from './generated/generated-settings.js';
import { runGenerated } from './generated/run-generated.js';
import { requestsPerSecond, writeGenerated } from './generated/write-generated.js';
import { otherSid } from './probes/other-sids.js';

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
      maxRequests: settings.budget + HARVEST,
    });
    try {
      const run = await runGenerated(api, { service: reference, default: defaultReference }, settings);
      const table = writeGenerated(run);
      testInfo.annotations.push({
        type: 'generated',
        description:
          `${run.sent} requests in ${run.seconds.toFixed(2)} s (${requestsPerSecond(run)} requests/s), ` +
          `CONTRACT_BUDGET=${settings.budget}`,
      });
      await testInfo.attach('coverage of generated requests', { body: table, contentType: 'text/markdown' });
      expect(run.violations).toConform();
    } finally {
      api.close();
    }
  });
});
