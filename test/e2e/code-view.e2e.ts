// The Code section in real Chromium: for the default run it shows PySpark with withWatermark,
// the tabs switch to Flink SQL, and the page stays within phone width. Screenshots are for
// people to look at, not compared.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';

const SCREENSHOTS = 'test-results/screenshots';

describe('code view', () => {
  let browser: Browser | null = null;
  const url = inject('siteUrl');

  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  for (const width of [360, 1280]) {
    it(`shows withWatermark for the default run at ${String(width)} px`, async () => {
      if (!browser) throw new Error('Chromium did not start');
      const { page, errors } = await openPage(browser, {
        width,
        height: 900,
        colorScheme: 'light',
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      await page.getByText('Code for a real engine', { exact: false }).click();
      const panel = page.getByRole('tabpanel', { name: 'PySpark' });
      await panel.getByText('.withWatermark("event_timestamp", "30 seconds")').waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `page wider than ${String(width)} px`).toBeLessThanOrEqual(0);
      const section = page.locator('details', { hasText: 'Code for a real engine' });
      await section.screenshot({ path: `${SCREENSHOTS}/code-pyspark-${String(width)}.png` });
      await page.getByRole('tab', { name: 'Flink SQL' }).click();
      await page
        .getByRole('tabpanel', { name: 'Flink SQL' })
        .getByText("INTERVAL '30' SECOND", { exact: false })
        .first()
        .waitFor();
      await page.screenshot({
        path: `${SCREENSHOTS}/code-flink-${String(width)}.png`,
        fullPage: true,
      });
      await page.close();
      expect(errors).toEqual([]);
    });
  }
});
