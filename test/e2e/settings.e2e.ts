// Settings and links in real Chromium: a new watermark delay replays the same input at once and
// changes what a batch drops; an invalid value is explained and changes nothing; a #scenario=
// link opens that scenario; the keyboard steps.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toBase64Url } from '../../src/ui/address';
import { launchChromium, openPage } from './browser';

/** Events at 12:07 and 12:08, then one at 12:30 that moves the watermark, then 12:09 (late?). */
const scenario = {
  name: 'Late dog',
  semantics: 'spark',
  query: {
    time: 'ts',
    window: { type: 'tumbling', size: '10 minutes' },
    groupBy: ['word'],
    aggregates: [{ fn: 'count', as: 'count' }],
    watermark: { delay: '10 minutes' },
    outputMode: 'update',
  },
  batches: [
    [{ ts: '2023-07-30T12:07:00Z', word: 'dog' }],
    [{ ts: '2023-07-30T12:30:00Z', word: 'owl' }],
    [{ ts: '2023-07-30T12:09:00Z', word: 'dog' }],
  ],
};

describe('settings and links', () => {
  let browser: Browser | null = null;
  const url = inject('siteUrl');

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  async function openLink(): Promise<{ page: Page; errors: string[] }> {
    if (!browser) throw new Error('Chromium did not start');
    const watched = await openPage(browser, { width: 1280, height: 900 });
    await watched.page.goto(`${url}#scenario=${toBase64Url(JSON.stringify(scenario))}`, {
      waitUntil: 'networkidle',
    });
    await watched.page.getByRole('heading', { name: 'Late dog' }).waitFor();
    return watched;
  }

  const fact = (page: Page, label: string): Promise<string> =>
    page.locator('.facts div', { hasText: label }).locator('dd').innerText();

  it('opens a #scenario= link, steps with the keyboard, and replays at once under a new watermark delay', async () => {
    const { page, errors } = await openLink();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (const n of [1, 2, 3]) {
      await page.keyboard.press('ArrowRight');
      await page.getByText(`${String(n)} of 3 batches run`).waitFor();
    }
    // Batch 2 runs with watermark 12:20 (12:30 − 10 min): the dog at 12:09 is late for [12:00, 12:10).
    expect(await fact(page, 'late events')).toBe('1');
    // "Why?" on the late dog says why, with the numbers.
    await page.getByRole('button', { name: /^Why\? 12:09:00/ }).click();
    const why = page.getByRole('region', { name: 'Explanation' });
    await expect.poll(() => why.innerText()).toContain('Dropped as late');
    expect(await why.innerText()).toContain('12:20');
    // Settings start closed (the chart comes first); one click opens them.
    await page.locator('summary', { hasText: /^Settings/ }).click();
    await page.getByLabel('Watermark delay', { exact: true }).fill('30 minutes');
    // With 30 minutes the watermark is 12:00 and the dog counts: the same input, replayed.
    await expect.poll(() => fact(page, 'late events'), { timeout: 10_000 }).toBe('0');
    expect(await page.getByText('3 of 3 batches run').count()).toBe(1);
    const rows = await page.locator('table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['12:00:00–12:10:00 dog 2']);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('explains an invalid setting next to its field and keeps the run as it was', async () => {
    const { page, errors } = await openLink();
    await page.locator('summary', { hasText: /^Settings/ }).click();
    await page.getByLabel('Size', { exact: true }).fill('0 minutes');
    const note = page.locator('#setting-size-note');
    await expect
      .poll(() => note.innerText())
      .toBe('The window duration (0 ms) must be greater than 0.');
    expect(await page.getByLabel('Size', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Next batch' }).click();
    await page.getByText('1 of 3 batches run').waitFor();
    expect(
      (await page.locator('table tbody tr').allInnerTexts())[0]?.replace(/\s+/g, ' ').trim(),
    ).toBe('12:00:00–12:10:00 dog 1');
    await page.close();
    expect(errors).toEqual([]);
  });

  it('runs a Flink scenario record by record: firings, a late re-firing, the late side output', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
    const flink = {
      name: 'Flink lateness',
      semantics: 'flink',
      query: {
        time: 'ts',
        window: { type: 'tumbling', size: '10 seconds' },
        groupBy: ['k'],
        aggregates: [{ fn: 'sum', field: 'v', as: 'total' }],
        watermark: { delay: '0 seconds' },
        allowedLateness: '5 seconds',
      },
      stream: [
        { ts: 1000, k: 'a', v: 1 },
        { ts: 10000, k: 'a', v: 4 },
        { ts: 5000, k: 'a', v: 8 },
        { $watermark: 14999 },
        { ts: 6000, k: 'a', v: 16 },
        { $end: true },
      ],
    };
    await page.goto(`${url}#scenario=${toBase64Url(JSON.stringify(flink))}`, {
      waitUntil: 'networkidle',
    });
    await page.getByRole('heading', { name: 'Flink lateness' }).waitFor();
    const next = page.getByRole('button', { name: 'Next record' });
    for (const n of [1, 2]) {
      await next.click();
      await page.getByText(`${String(n)} of 6 records run`).waitFor();
    }
    // Record 1 (ts 10 s) moves the watermark to 9999: [0, 10 s) fires with 1.
    expect(
      (await page.locator('table tbody tr').allInnerTexts()).map((r) =>
        r.replace(/\s+/g, ' ').trim(),
      ),
    ).toEqual(['00:00:00–00:00:10 a 1']);
    await next.click();
    await page.getByText('3 of 6 records run').waitFor();
    // Record 2 (ts 5 s) is late but within 5 s of allowed lateness: the window fires again with 9.
    expect(
      (await page.locator('table tbody tr').allInnerTexts()).map((r) =>
        r.replace(/\s+/g, ' ').trim(),
      ),
    ).toEqual(['00:00:00–00:00:10 a 9']);
    await next.click();
    await next.click();
    await page.getByText('5 of 6 records run').waitFor();
    // After cleanup at 14999, ts 6 s has no window left: it goes to the late side output.
    const lane = page.getByRole('region', { name: 'Late side output' });
    expect(await lane.innerText()).toContain('00:00:06');
    await page.close();
    expect(errors).toEqual([]);
  });
});
