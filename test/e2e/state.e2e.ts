// Per-key state in real Chromium: the running-totals preset batch by batch, a custom function
// run in the sandbox (its error with its line), the sandbox refusing to reach the page, its
// storage or the network, an endless loop stopped by the time limit, a shared link with code
// asking first; and screenshots of the state table and editor for a person to look at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toBase64Url } from '../../src/ui/address';
import { launchChromium, openPage } from './browser';

const SCREENSHOTS = 'test-results/screenshots';
/**
 * Errors but the sandbox's own worker script (blob:null/…) reported aborted when the page
 * closes or the time limit terminates its worker: that is the sandbox working, not a fault.
 */
const real = (errors: readonly string[]): string[] =>
  errors.filter((e) => !/^request failed: blob:null\/[\w-]+ \(net::ERR_ABORTED\)$/.test(e));

/** The sandbox starts on first use and the machine may be busy: wait longer than 1 s. */
const SLOW = { timeout: 10_000 };

describe('per-key state', () => {
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
    width = 1280,
    colorScheme: 'light' | 'dark' = 'light',
  ): Promise<{ page: Page; errors: string[] }> {
    if (!browser) throw new Error('Chromium did not start');
    const watched = await openPage(browser, { width, height: 900, colorScheme });
    await watched.page.goto(url, { waitUntil: 'networkidle' });
    await watched.page.getByLabel('Input').selectOption('state-running-totals');
    await watched.page.getByRole('heading', { name: /Running totals per user/ }).waitFor();
    return watched;
  }

  const stateValue = (page: Page, key: string): Promise<string> =>
    page.locator('section.state tbody tr', { hasText: key }).locator('td.value').innerText();

  async function next(page: Page, n: number, of: number): Promise<void> {
    await page.getByRole('button', { name: 'Next batch' }).click();
    await page.getByText(`${String(n)} of ${String(of)} batches run`).waitFor();
  }

  /** Switches to a custom function with `code` and runs it from batch 1. */
  async function runCustom(page: Page, code: string): Promise<void> {
    const fn = page.getByLabel('Function', { exact: true });
    if ((await fn.inputValue()) !== 'custom') {
      await fn.selectOption('custom');
      // The starter code replays the run first (its rows say total): then edit it.
      await expect.poll(() => page.locator('section.state').innerText(), SLOW).toContain('total:');
    }
    const editor = page.getByLabel('State function code');
    await editor.fill(code);
    await page.getByRole('button', { name: 'Run this code' }).click();
    await expect.poll(() => page.getByText('Edited: not run yet.').count(), SLOW).toBe(0);
    // Code that failed left the run at its start: run the first batch again.
    if ((await page.getByText('0 of 3 batches run').count()) > 0)
      await page.getByRole('button', { name: 'Next batch' }).click();
  }

  it('shows the seed running totals, 50, 80, 120 for user1, batch by batch', async () => {
    const { page, errors } = await open();
    const totals: string[] = [];
    for (const n of [1, 2, 3]) {
      await next(page, n, 3);
      await expect.poll(() => page.locator('section.state').innerText(), SLOW).toContain('user1');
      totals.push(await stateValue(page, 'user1'));
    }
    expect(totals).toEqual(['50', '80', '120']);
    const rows = await page.locator('.step table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['user1 120', 'user2 80']);
    await page.close();
    expect(real(errors)).toEqual([]);
  });

  it('runs a custom function in the sandbox and shows its error with its line', async () => {
    const { page, errors } = await open();
    await next(page, 1, 3);
    await runCustom(
      page,
      'const doubled = values.length * 2;\nstate.update(doubled);\nreturn { doubled };',
    );
    await expect.poll(() => stateValue(page, 'user1'), SLOW).toBe('2');
    await next(page, 2, 3);
    expect(await stateValue(page, 'user2')).toBe('2');
    await runCustom(page, 'const a = 1;\nconst b = null;\nreturn b.total;');
    const error = page.locator('.code-error');
    await expect.poll(() => error.innerText(), SLOW).toContain('Line 3');
    expect(await error.innerText()).toContain("Cannot read properties of null (reading 'total')");
    expect(await page.locator('.gutter .bad').innerText()).toBe('3');
    await page.close();
    expect(real(errors)).toEqual([]);
  });

  it('refuses to reach the page, its storage or the network from the sandbox', async () => {
    const { page, errors } = await open();
    await next(page, 1, 3);
    const before = await page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name).sort(),
    );
    const attempts: [string, string][] = [
      ['return { t: parent.document.title };', 'parent is not defined'],
      ["indexedDB.open('stolen');", "Cannot read properties of undefined (reading 'open')"],
      ["fetch('/');", 'fetch is not a function'],
      ["importScripts('/x.js');", 'importScripts is not a function'],
      ["return { v: localStorage.getItem('k') };", 'localStorage is not defined'],
    ];
    for (const [code, message] of attempts) {
      await runCustom(page, `const k = key;\n${code}`);
      const error = page.locator('.code-error');
      await expect.poll(() => error.innerText(), SLOW).toContain(message);
      expect(await error.innerText()).toContain('Line 2');
    }
    const after = await page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name).sort(),
    );
    expect(after).toEqual(before);
    expect(after).toContain('windowscope');
    await page.close();
    expect(real(errors)).toEqual([]);
  });

  it('stops an endless loop at the time limit and the page stays responsive', async () => {
    const { page, errors } = await open();
    await next(page, 1, 3);
    await runCustom(page, 'while (true) {}');
    const error = page.locator('.code-error');
    await expect
      .poll(() => error.innerText(), { timeout: 15_000 })
      .toContain('took longer than 1000 ms');
    const started = Date.now();
    await page.locator('summary', { hasText: /^Settings/ }).click();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
    await runCustom(page, 'return { ok: true };');
    await expect.poll(() => page.locator('.step table').innerText(), SLOW).toContain('true');
    await page.close();
    expect(real(errors)).toEqual([]);
  });

  it('asks before running the code a shared link carries', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
    const scenario = {
      name: 'Shared custom code',
      semantics: 'spark',
      query: {
        groupBy: ['user'],
        stateful: { function: 'custom', code: 'return { seen: values.length };' },
        outputMode: 'update',
      },
      batches: [[{ user: 'u1' }, { user: 'u1' }]],
    };
    await page.goto(`${url}#scenario=${toBase64Url(JSON.stringify(scenario))}`, {
      waitUntil: 'networkidle',
    });
    await page.getByRole('heading', { name: 'This link carries code' }).waitFor();
    expect(await page.getByLabel("The link's code").innerText()).toContain('seen: values.length');
    expect(await page.getByRole('heading', { name: 'Shared custom code' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Run this code' }).click();
    await page.getByRole('heading', { name: 'Shared custom code' }).waitFor();
    await next(page, 1, 1);
    const rows = await page.locator('.step table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['u1 2']);
    // "Don't run" opens nothing of the link's.
    await page.goto(
      `${url}#scenario=${toBase64Url(JSON.stringify({ ...scenario, name: 'Other code' }))}`,
    );
    await page.getByRole('button', { name: "Don't run" }).click();
    await page.getByRole('heading', { name: 'Shared custom code' }).waitFor();
    // The learner's last run resumes (its code was agreed to): let it land before closing.
    await page.getByText('1 of 1 batches run').waitFor();
    expect(await page.getByRole('heading', { name: 'Other code' }).count()).toBe(0);
    await page.close();
    expect(real(errors)).toEqual([]);
  });

  it('saves screenshots of the state table and the editor at 360 and 1280 px, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [360, 1280]) {
        const { page, errors } = await open(width, colorScheme);
        await page.getByLabel('Input').selectOption('state-sessions-30s');
        await page.getByRole('heading', { name: /Sessions ending/ }).waitFor();
        for (const n of [1, 2, 3, 4]) await next(page, n, 5);
        await page.locator('section.state').screenshot({
          path: `${SCREENSHOTS}/state-table-${String(width)}-${colorScheme}.png`,
        });
        await page.getByLabel('Function', { exact: true }).selectOption('custom');
        await page.getByLabel('State function code').waitFor();
        await page.locator('.state-settings').screenshot({
          path: `${SCREENSHOTS}/state-editor-${String(width)}-${colorScheme}.png`,
        });
        await page.close();
        expect(real(errors)).toEqual([]);
      }
    }
  });
});
