// Real Chromium for end-to-end tests: launch it headless, open pages that record every console
// error, page error and failed request, so a test can assert there were none.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH, hasChromium } from './chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  if (!hasChromium()) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it with apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors, uncaught page errors and failed requests, in the order they happened. */
  readonly errors: string[];
}

export async function openPage(
  browser: Browser,
  options: { width: number; height: number; colorScheme?: 'light' | 'dark' },
): Promise<WatchedPage> {
  const page = await browser.newPage({
    viewport: { width: options.width, height: options.height },
    colorScheme: options.colorScheme ?? 'light',
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    errors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      errors.push(`HTTP ${String(response.status())}: ${response.url()}`);
  });
  return { page, errors };
}
