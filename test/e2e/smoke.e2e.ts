// The front page in real Chromium: it loads without errors, and every batch table of the demo
// shows exactly the rows the golden scenario expects. Screenshots are for people to look at.
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

async function readTables(page: Page): Promise<TableText[]> {
  return page.locator('table').evaluateAll((tables) =>
    tables.map((table) => ({
      caption: table.querySelector('caption')?.textContent.trim() ?? '',
      header: [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
      rows: [...table.querySelectorAll('tbody tr')]
        .filter((tr) => !tr.querySelector('.empty'))
        .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    })),
  );
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

  async function open(width = 1280, height = 800, colorScheme: 'light' | 'dark' = 'light') {
    if (!browser) throw new Error('Chromium did not start');
    const watched = await openPage(browser, { width, height, colorScheme });
    await watched.page.goto(url, { waitUntil: 'networkidle' });
    return watched;
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

  it('shows every batch of the demo scenario as the golden file expects', async () => {
    const { page, errors } = await open();
    const tables = await readTables(page);
    await page.close();

    const batch0 = tables.find((table) => table.caption.startsWith('Batch 0'));
    expect(batch0?.rows).toContainEqual(['10:00:00–10:01:00', 'user1', '2']);

    expect(tables).toHaveLength(scenario.expected.batches.length);
    scenario.expected.batches.forEach((batch, index) => {
      const table = tables[index];
      expect(table?.caption).toMatch(new RegExp(`^Batch ${String(index)}\\b.*\\bcomplete\\b`));
      expect(table?.header).toEqual(['window', 'user_id', 'count']);
      const expected = batch.rows.map((row) => [
        `${clock(row.window_start)}–${clock(row.window_end)}`,
        row.user_id,
        String(row.count),
      ]);
      expect(sorted(table?.rows ?? [])).toEqual(sorted(expected));
    });
    expect(errors).toEqual([]);
  });

  it('saves screenshots at phone and desktop widths, light and dark', async () => {
    const shots = [
      ...VIEWPORTS.map((size) => ({ ...size, colorScheme: 'light' as const })),
      { width: 360, height: 740, colorScheme: 'dark' as const },
      { width: 1280, height: 800, colorScheme: 'dark' as const },
    ];
    for (const { width, height, colorScheme } of shots) {
      const { page, errors } = await open(width, height, colorScheme);
      const name = `front-${String(width)}x${String(height)}${colorScheme === 'dark' ? '-dark' : ''}`;
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
      // Nothing may stick out sideways at any width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      await page.close();
      expect(overflow, name).toBe(0);
      expect(errors, name).toEqual([]);
    }
  });
});
