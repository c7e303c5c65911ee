import { defineConfig } from '@playwright/test';

// One runner for everything: unit and self-tests (selftest) and the contract suite against any target (contract).
export default defineConfig({
  forbidOnly: !!process.env.CI,
  retries: 0, // a contract violation is deterministic; a retry would only hide it
  workers: 2,
  fullyParallel: true,
  outputDir: 'reports/test-results',
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'reports/html' }],
    ['junit', { outputFile: 'reports/junit.xml' }],
    ['json', { outputFile: 'reports/results.json' }],
  ],
  projects: [
    { name: 'selftest', testDir: 'tests/self' },
    { name: 'contract', testDir: 'tests/contract' },
  ],
});
