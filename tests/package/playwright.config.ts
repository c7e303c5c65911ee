// npm run test:package: packs the project, installs the tarball into an empty project (dependencies from the
// registry) and uses it there as a user would. Not part of npm test: it needs the registry and takes a few minutes.
// A plain object (Playwright takes one as it is): tests/ takes nothing from @playwright/test but through fixtures/.
export default {
  testDir: '.',
  workers: 1,
  timeout: 10 * 60_000,
  reporter: [['list']],
  outputDir: '../../reports/package-results',
};
