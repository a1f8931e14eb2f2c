// Files, live play and running to the end in real Chromium: a bad file is refused line by line
// and the current run is kept; a good one opens; play steps on its own; run-to-end finishes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';

describe('run tools', () => {
  let browser: Browser | null = null;
  const url = inject('siteUrl');

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    if (!browser) throw new Error('Chromium did not start');
    const watched = await openPage(browser, { width: 1280, height: 900 });
    await watched.page.goto(url, { waitUntil: 'networkidle' });
    await watched.page.getByText('0 of', { exact: false }).waitFor();
    return watched;
  }

  const position = (page: Page): Promise<string> => page.locator('output.position').innerText();

  it('refuses a bad events file with line numbers and keeps the current run', async () => {
    const { page, errors } = await open();
    await page.getByRole('button', { name: 'Next batch' }).click();
    await page.getByText('1 of', { exact: false }).waitFor();
    const before = await position(page);
    await page.getByLabel('Open events…').setInputFiles({
      name: 'bad.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(
        '{"event_timestamp": "2024-01-01T10:00:00Z", "event_type": "click"}\n{oops\n{"event_type": "view"}\n',
      ),
    });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('bad.jsonl was not opened');
    expect(text).toContain('line 2: not valid JSON');
    expect(text).toContain('line 3: "event_timestamp" is null, not a time');
    expect(await position(page)).toBe(before);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('opens a good events file under the current query, and runs it to the end', async () => {
    const { page, errors } = await open();
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        event_timestamp: new Date(Date.UTC(2024, 0, 1, 10, 0, i * 5)).toISOString(),
        event_type: i % 3 === 0 ? 'click' : 'page_view',
      }),
    );
    await page.getByLabel('Open events…').setInputFiles({
      name: 'good.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(lines.join('\n')),
    });
    // One event a second in file order, batched by the 10 s trigger: 30 events in 3 batches.
    await page.getByText('0 of 3 batches run').waitFor();
    await page.getByRole('button', { name: 'Run to the end' }).click();
    await page.getByText('3 of 3 batches run').waitFor();
    await page.close();
    expect(errors).toEqual([]);
  });

  it('plays live and pauses', async () => {
    const { page, errors } = await open();
    // ×60: the 10 s trigger interval passes in about 170 ms of wall time.
    await page.getByLabel('speed').selectOption('60');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(
      () => Number.parseInt(document.querySelector('output.position')?.textContent ?? '0') >= 2,
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    const paused = await position(page);
    await page.waitForTimeout(500);
    expect(await position(page)).toBe(paused);
    await page.close();
    expect(errors).toEqual([]);
  });
});
