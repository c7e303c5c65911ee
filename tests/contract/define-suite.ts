import { expect, test, type TestInfo } from '../../fixtures/test.js';
import { CONFORMANCE_ATTACHMENT } from '../../conformance/record-types.js';
import { readKnown } from '../../conformance/known-deviations.js';
import { recordText, testRecord } from '../../conformance/test-record.js';
import { formatViolation } from '../../spec/violation.js';
import type { Probe } from './probes/index.js';
import { NO_DEFAULT_MESSAGE, type Reference } from './probes/reference.js';
import type { Session } from './probes/session.js';
import { cutShort, markCutShort } from './cut-short.js';

// CONTRACT_KNOWN was validated by the config before any test ran; each worker reads the same file.
const known = readKnown(process.env)?.entries ?? [];

/** Which discovered message a suite probes: the advertised service's, or the default service's. */
export type SuiteScope = 'service' | 'default';
/** The fixtures a probe test body uses. */
interface ProbeFixtures {
  session: Session;
  reference: Reference;
  defaultReference: Reference | null;
}

/**
 * The body of one contract test: runs the probe, attaches its conformance record, notes known deviations, asserts
 * toConform. Each spec file calls `test()` with it, so Playwright reports the spec file's own line.
 */
export function probeBody(suite: string, probe: Probe, scope: SuiteScope = 'service') {
  return async ({ session, reference, defaultReference }: ProbeFixtures, testInfo: TestInfo): Promise<void> => {
    const ref = scope === 'service' ? reference : defaultReference;
    // Without a default-service message there is nothing to probe: the report says which settings to add.
    if (ref === null) return test.skip(true, NO_DEFAULT_MESSAGE);
    const missing = probe.requires?.(session.api.target) ?? cutShort(session.api);
    if (missing) return test.skip(true, missing);
    try {
      await probe.run(session, ref);
    } catch (e) {
      // A probe tripped by a hostile answer is a verdict too, and its text goes through the session's redaction.
      session.fail('probe', `the probe stopped: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
    for (const a of session.annotations) testInfo.annotations.push(a);
    // The conformance report is built from these records; a violation a known entry covers is reported, not failed.
    const record = testRecord(`${suite} › ${probe.title}`, session, known);
    await testInfo.attach(CONFORMANCE_ATTACHMENT, {
      body: recordText(record, session.api.target),
      contentType: 'application/json',
    });
    for (const v of record.violations.filter((r) => r.known !== undefined)) {
      testInfo.annotations.push({
        type: 'known deviation',
        description: `${formatViolation(v)}: ${known[v.known!].reason}`,
      });
    }
    const violations = record.violations.filter((v) => v.known === undefined);
    markCutShort(session.api, violations.length > 0);
    await expect({ ...session.result(), violations }).toConform();
  };
}
