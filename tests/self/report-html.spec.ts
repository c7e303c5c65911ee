import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '../../fixtures/test.js';
import { expect, test } from '../../fixtures/test.js';
import { CHROMIUM, CHROMIUM_ARGS } from './debian-chromium.js';
import { reportRun, removeTempDirs } from './report-helpers.js';

/** The data attributes of a rule's row, in the order the comparison joins them. */
const ATTRS = ['data-check', 'data-operation', 'data-scope', 'data-status'];

test.afterEach(() => removeTempDirs());

test.describe('conformance HTML report (in real headless Chromium)', () => {
  test.skip(
    !existsSync(CHROMIUM),
    `${CHROMIUM} is missing (apt-get install chromium); the conformance HTML rendering test is skipped`,
  );

  test('opens from disk and shows the verdict of every rule against a faulty emulator', async ({}, testInfo) => {
    test.setTimeout(180_000); // a nested run on a shared machine: a safety net, not a speed assertion
    const run = await reportRun('auth-no-challenge'); // breaks error_headers only
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(run.dir, 'contract', 'conformance.html')).href);
      await expect(page.locator('#conformance')).toHaveAttribute('data-verdict', 'does not conform');
      await expect(page.locator('.verdict-line')).toContainText(`${run.json.headline.rules_broken} broken`);
      const broken = page.locator('tr[data-check="error_headers"][data-operation="list"][data-scope="service"]');
      await expect(broken).toBeVisible();
      await expect(broken.locator('td.verdict')).toHaveText('broken');
      await expect(broken).toContainText('[error_headers]');
      const held = page.locator(
        'tr[data-check="receipt_schema"][data-operation="list"][data-scope="service"] td.verdict',
      );
      await expect(held).toHaveText('held');
      const shown = await page
        .locator('table.rules tr[data-check]')
        .evaluateAll((rows, attrs) => rows.map((r) => attrs.map((a) => r.getAttribute(a)).join(' ')), ATTRS);
      expect(shown, 'every row of conformance.json, with its verdict').toEqual(
        run.json.rows.map((r) => `${r.check} ${r.operation} ${r.scope} ${r.status}`),
      );
      const colour = await broken.locator('td.verdict').evaluate((td) => getComputedStyle(td).backgroundColor);
      expect(colour, 'a broken rule stands out').not.toBe('rgba(0, 0, 0, 0)');
      await testInfo.attach('conformance-report', {
        body: await page.screenshot({ fullPage: true }),
        contentType: 'image/png',
      });
      expect(
        requests.filter((u) => !u.startsWith('file:')),
        'the report needs no network',
      ).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
