// Joins in real Chromium: the CTR-by-campaign preset stepped batch by batch shows the golden
// scenario's rows; picking an impression shows its range band and its match on the other lane;
// a left outer run shows the null row of an impression that was never clicked.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tableBody } from '../../src/ui/result-table';
import { launchChromium, openPage } from './browser';

interface Scenario {
  expected: { batches: { rows: Record<string, unknown>[] }[] };
}
const ctr = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, '../scenarios/spark-join-ctr-by-campaign.json'),
    'utf8',
  ),
) as Scenario;

const clean = (t: string): string => t.replace(/\s+/g, ' ').trim();

describe('joins on the page', () => {
  let browser: Browser | null = null;
  const url = inject('siteUrl');

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  async function open(
    preset: string,
    batches: number,
    width = 1280,
  ): Promise<{ page: Page; errors: string[] }> {
    if (!browser) throw new Error('Chromium did not start');
    const watched = await openPage(browser, { width, height: 900 });
    await watched.page.goto(url, { waitUntil: 'networkidle' });
    await watched.page.getByRole('heading', { level: 2, name: /per/ }).first().waitFor();
    await watched.page.selectOption('#preset', preset);
    await watched.page.getByText(`0 of ${String(batches)} batches run`).waitFor();
    return watched;
  }

  async function next(page: Page, n: number, of: number): Promise<void> {
    await page.getByRole('button', { name: 'Next batch' }).click();
    await page.getByText(`${String(n)} of ${String(of)} batches run`).waitFor();
  }

  it('steps the CTR-by-campaign preset: the result table is the scenario’s, batch by batch', async () => {
    const { page, errors } = await open('join-ctr-scenario', 4);
    const batches = ctr.expected.batches;
    for (const [b, want] of batches.entries()) {
      await next(page, b + 1, batches.length);
      const table = page.getByRole('table', { name: `Batch ${String(b)} output · append mode` });
      await table.waitFor();
      const header = await table.locator('thead th').allInnerTexts();
      const rows = (await table.locator('tbody tr').allInnerTexts()).map(clean);
      const expected = tableBody(want.rows, header).map((r) => r.join(' '));
      expect(rows).toEqual(expected.length === 0 ? ['no rows'] : expected);
    }
    expect(await page.getByRole('heading', { name: 'impressions ⋈ clicks: Batch 3' }).count()).toBe(
      1,
    );
    await page.close();
    expect(errors).toEqual([]);
  });

  it('picking an impression shows its range band on the clicks lane and its match', async () => {
    const { page, errors } = await open('join-ctr-scenario', 4);
    for (const n of [1, 2, 3]) await next(page, n, 4);
    // Batch 2: click i5@01:50 joins impression i5@01:40, held until the watermark passes 02:10.
    await page.getByRole('button', { name: 'i5 · 00:01:40', exact: true }).click();
    await page.getByTestId('range-band').waitFor();
    const why = page.getByRole('region', { name: 'Explanation' });
    await expect.poll(() => why.innerText()).toContain('Held in the impressions state');
    const text = await why.innerText();
    expect(text).toContain('can still match rows from clicks with times in [00:01:40, 00:02:10]');
    expect(text).toContain('Matched 1 row from clicks in this batch');
    expect(await page.locator('path.link.on').count()).toBe(1);
    expect(await page.getByText('can match 00:01:40–00:02:10').count()).toBe(1);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('a left outer run shows the null row of an impression evicted without a click', async () => {
    const { page, errors } = await open('join-left-outer', 5, 360);
    await next(page, 1, 5);
    await next(page, 2, 5);
    // Batch 1's no-data run evicts a2@00:00:10, never clicked: it comes out with nulls.
    const table = page.getByRole('table', { name: 'Batch 1 output · append mode' });
    const rows = (await table.locator('tbody tr').allInnerTexts()).map(clean);
    expect(rows.some((r) => r.includes('a2') && r.includes('null'))).toBe(true);
    await page.getByText(/null row: no clicks match/).waitFor();
    expect(await page.locator('svg text.null').count()).toBe(1);
    await page.getByRole('button', { name: 'impression · a2 · 00:00:10' }).click();
    const why = page.getByRole('region', { name: 'Explanation' });
    await expect.poll(() => why.innerText()).toContain('Evicted with a null row');
    await page.close();
    expect(errors).toEqual([]);
  });
});
