// Lesson 15's lab in real Chromium: Measure with the smallest size fills the results table with
// both ways, says they agreed, and the page stays within phone width. Screenshots are for people
// to look at; the measured numbers are printed for the record.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';

const SCREENSHOTS = 'test-results/screenshots';
const LESSON = '15-precomputed-vs-on-demand';

describe('online-store lab', () => {
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
    it(`measures 1,000 events both ways at ${String(width)} px`, async () => {
      if (!browser) throw new Error('Chromium did not start');
      const { page, errors } = await openPage(browser, { width, height: 900 });
      await page.goto(`${url}#lesson=${LESSON}`, { waitUntil: 'networkidle' });
      const lab = page.getByRole('region', { name: 'Measure it in your browser' });
      await lab.getByRole('button', { name: 'Measure' }).click();
      const table = lab.getByRole('table');
      await table.waitFor({ timeout: 30_000 });
      const pre = table.getByRole('row', { name: /Precomputed \(online store\)/ });
      const onDemand = table.getByRole('row', { name: /On demand \(raw events\)/ });
      expect(await pre.count()).toBe(1);
      expect(await onDemand.count()).toBe(1);
      await lab.getByText('Same answers: all 200 lookups', { exact: false }).waitFor();
      console.log(`${String(width)} px:`, await pre.innerText(), '|', await onDemand.innerText());
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `page wider than ${String(width)} px`).toBeLessThanOrEqual(0);
      await lab.screenshot({ path: `${SCREENSHOTS}/online-store-lab-${String(width)}.png` });
      await page.screenshot({
        path: `${SCREENSHOTS}/online-store-lesson-${String(width)}.png`,
        fullPage: true,
      });
      await page.close();
      expect(errors).toEqual([]);
    });
  }
});
