import { defineConfig } from '@playwright/test';
import { readTargetOrExit } from './client/settings.js';
import { checkReachableOrExit } from './client/reachable.js';
import { readKnownOrExit } from './conformance/known-deviations.js';
import { readMaxReceiptsOrExit } from './tests/contract/probes/max-receipts.js';
import { readGeneratedSettingsOrExit } from './tests/contract/generated/generated-settings.js';
import { readRunLimitsOrExit, RUN_STARTED_VAR } from './client/run-limits.js';

// A bad TARGET_* setting ends the run here, with one line naming it, before any test starts.
const target = readTargetOrExit(process.env);
// So does a target that cannot be reached at all (refused, unknown host, untrusted TLS): one line, not 29 failures.
// Once, in the runner: a worker (re)started while a target restarts must fail its tests, not vanish with exit 2.
if (target && process.env.TEST_WORKER_INDEX === undefined) await checkReachableOrExit('TARGET_URL', target.url);
// So does a bad CONTRACT_RATE_PATIENCE or CONTRACT_DEADLINE.
const runLimits = readRunLimitsOrExit(process.env);
// So does a malformed CONTRACT_KNOWN file: one line naming the file, the entry and what is wrong.
readKnownOrExit(process.env);
// And a bad CONTRACT_MAX_RECEIPTS (how many receipts discovery reads at most): one line naming it.
readMaxReceiptsOrExit(process.env);
// And a bad CONTRACT_SEED or CONTRACT_BUDGET (the generated phase's), before the other tests run for minutes.
readGeneratedSettingsOrExit(process.env);

/** Where reports go: reports/ unless REPORT_DIR says otherwise (the self-test's nested runs write to a temp dir). */
const reports = process.env.REPORT_DIR || 'reports';

// One runner for everything: unit and self-tests (selftest) and the contract suite against any target (contract).
// One id for the whole run: the config is read again in every worker, which inherits the runner's environment.
process.env.CONTRACT_RUN_ID ??= `${process.pid}-${Date.now()}`;
// When the run began: CONTRACT_DEADLINE counts from here, in every worker.
process.env[RUN_STARTED_VAR] ??= String(Date.now());

export default defineConfig({
  forbidOnly: !!process.env.CI,
  retries: 0, // a contract violation is deterministic; a retry would only hide it
  workers: 2,
  fullyParallel: true,
  outputDir: `${reports}/test-results`,
  use: { trace: 'off' }, // a trace would record request headers, credentials included
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: `${reports}/html` }],
    ['junit', { outputFile: `${reports}/junit.xml` }],
    ['json', { outputFile: `${reports}/results.json` }],
    // contract/conformance.{md,json,html}: rule by rule, after any run that included the contract project
    ['./report/conformance-reporter.ts', { outputDir: reports }],
  ],
  projects: [
    { name: 'selftest', testDir: 'tests/self' },
    // The client ends every test by the run's deadline (nothing is sent, no 429 waited on past it): room beyond it for
    // requests in flight then (5 s each) and the reports. A rate-limited target's test may wait minutes, honestly.
    { name: 'contract', testDir: 'tests/contract', timeout: runLimits.deadlineMs + 60_000 },
  ],
});
