// The front page in real Chromium: it loads with no errors, the worker runs the seed scenario
// batch by batch exactly as its golden file expects, and a reload resumes at the same batch
// with the same table. Screenshots are for people to look at, not compared.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import scenario from '../../src/ui/demo-scenario.json';
import { launchChromium, openPage } from './browser';

const SCREENSHOTS = 'test-results/screenshots';
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

interface TableText {
  caption: string;
  header: string[];
  rows: string[][];
}

/** "10:00:00", worked out here rather than with the app's formatter. */
function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

async function readTable(page: Page): Promise<TableText> {
  return page.locator('table').evaluate((table) => ({
    caption: table.querySelector('caption')?.textContent.trim() ?? '',
    header: [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
    rows: [...table.querySelectorAll('tbody tr')]
      .filter((tr) => !tr.querySelector('.empty'))
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  }));
}

const sorted = (rows: string[][]): string[][] =>
  rows
    .map((row) => row.join(' | '))
    .sort()
    .map((row) => row.split(' | '));

describe('front page', () => {
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

  /** A page in a fresh browser context (its own IndexedDB), or in `context` to share one. */
  async function open(width = 1280, height = 800, colorScheme: 'light' | 'dark' = 'light') {
    if (!browser) throw new Error('Chromium did not start');
    const watched = await openPage(browser, { width, height, colorScheme });
    await watched.page.goto(url, { waitUntil: 'networkidle' });
    await watched.page.getByRole('button', { name: /^Next/ }).waitFor();
    return watched;
  }

  async function choose(page: Page, label: string): Promise<void> {
    await page.getByLabel('Input').selectOption({ label });
    await page.getByText('0 of', { exact: false }).waitFor();
  }

  async function next(page: Page, position: number): Promise<void> {
    await page.getByRole('button', { name: 'Next batch' }).click();
    await page.getByText(`${String(position)} of`, { exact: false }).waitFor();
  }

  it('loads with no console errors and names itself', async () => {
    const { page, errors } = await open();
    await expect(page.title()).resolves.toBe('Windowscope');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Windowscope',
    );
    await page.close();
    expect(errors).toEqual([]);
  });

  it('steps through the seed scenario, each batch as the golden file expects', async () => {
    const { page, errors } = await open();
    await choose(page, 'Seed tutorial: clicks per user per minute');
    for (const [i, batch] of scenario.expected.batches.entries()) {
      await next(page, i + 1);
      const table = await readTable(page);
      expect(table.caption).toBe(`Batch ${String(i)} output · complete mode`);
      expect(table.header).toEqual(['window', 'user_id', 'count']);
      const expected = batch.rows.map((r) => [
        `${clock(r.window_start)}–${clock(r.window_end)}`,
        r.user_id,
        String(r.count),
      ]);
      expect(sorted(table.rows)).toEqual(sorted(expected));
    }
    await expect(page.getByRole('button', { name: 'Next batch' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Previous batch' }).click();
    await page.getByText('2 of 3', { exact: false }).waitFor();
    expect((await readTable(page)).caption).toBe('Batch 1 output · complete mode');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('resumes after a reload at the same batch with the same table', async () => {
    const { page, errors } = await open();
    await choose(page, 'Generated clickstream: events per type per minute');
    for (let i = 1; i <= 5; i++) await next(page, i);
    const before = await readTable(page);
    expect(before.caption).toBe('Batch 4 output · update mode');
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('5 of', { exact: false }).waitFor();
    expect(await readTable(page)).toEqual(before);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('saves screenshots at phone and desktop widths, light and dark', async () => {
    for (const { width, height } of VIEWPORTS) {
      for (const scheme of ['light', 'dark'] as const) {
        if (scheme === 'dark' && width === 1920) continue;
        const { page, errors } = await open(width, height, scheme);
        for (let i = 1; i <= 3; i++) await next(page, i);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, `page wider than ${String(width)} px`).toBeLessThanOrEqual(0);
        const suffix = scheme === 'dark' ? '-dark' : '';
        await page.screenshot({
          path: `${SCREENSHOTS}/front-${String(width)}x${String(height)}${suffix}.png`,
          fullPage: true,
        });
        await page.close();
        expect(errors).toEqual([]);
      }
    }
  });
});
