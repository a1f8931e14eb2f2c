// `npm run bench:ui`: the page in headless Chromium. The initial JavaScript's gzipped size, how
// long the default view takes to be usable, frame times while stepping and playing with 10,000
// events in view (bench-frames.ts), and whether the main thread stays free (no long task over
// 50 ms) while the worker runs a generated stream of 1,000,000 events to the end and the chart
// takes them in.
// A benchmark, not a test: it prints figures (`--json` for one JSON line each).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { runLink } from '../ui/address';
import type { RunSpec } from '../worker/run-manager';
import { measureFrames, type FrameStats } from './bench-frames';
import { buildSite, serveSite } from './site-server';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const json = process.argv.includes('--json');

const BIG_EVENTS = 1_000_000;
const BIG_RUN: RunSpec = {
  name: 'Benchmark: 1,000,000 generated events, clicks per user per minute',
  semantics: 'spark',
  query: {
    time: 'event_time_ms',
    window: { type: 'tumbling', size: '1 minute' },
    groupBy: ['user_id'],
    aggregates: [{ fn: 'count', as: 'count' }],
    watermark: { delay: '1 minute' },
    outputMode: 'update',
    triggerInterval: '10 seconds',
  },
  input: {
    kind: 'generated',
    seed: 1,
    settings: { events: BIG_EVENTS, rate: 1000, users: 10_000 },
  },
};

function human(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)}k`;
  return String(Math.round(value * 10) / 10);
}

function report(name: string, value: number, unit: string, target: string, ok: boolean): void {
  if (json)
    console.log(JSON.stringify({ measure: name, value: Math.round(value * 10) / 10, unit }));
  else
    console.log(
      `${name.padEnd(34)} ${human(value).padStart(10)} ${unit.padEnd(6)} ${target.padEnd(10)} ${ok ? '✓' : '✗'}`,
    );
}

/** Gzipped size of the scripts index.html loads before anything else (the worker comes later). */
function initialScriptKb(): number {
  const html = readFileSync('dist/index.html', 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1] ?? '');
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]+href="\.?\/?([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  return [...scripts, ...preloads].reduce(
    (kb, file) => kb + gzipSync(readFileSync(join('dist', file))).length / 1024,
    0,
  );
}

function reportFrames(what: string, stats: FrameStats): void {
  report(`${what}: median frame`, stats.median, 'ms', '≤ 20 ms', stats.median <= 20);
  report(`${what}: p95 frame`, stats.p95, 'ms', 'info', true);
  report(`${what}: frames over 50 ms`, stats.over50, 'count', 'info', true);
}

async function positionOf(page: Page): Promise<string> {
  return page.locator('output.position').innerText();
}

async function main(): Promise<void> {
  buildSite();
  const site = await serveSite();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    if (!json)
      console.log(
        `${'measure'.padEnd(34)} ${'value'.padStart(10)} ${'unit'.padEnd(6)} ${'target'.padEnd(10)}`,
      );
    const kb = initialScriptKb();
    report('initial JS (gzipped)', kb, 'KB', '≤ 150 KB', kb <= 150);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const started = Date.now();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Next batch' }).waitFor();
    await page.getByText('0 of', { exact: false }).waitFor();
    const ready = Date.now() - started;
    report('default view usable', ready, 'ms', '< 1000 ms', ready < 1000);

    // The chart's motion with 10,000 events in view (and more as it goes on).
    const frames = await measureFrames(page, site.url);
    const [from, to] = frames.inView;
    report('events in view, measuring starts', from, 'events', '≥ 10k', from >= 1e4);
    report('events in view, measuring ends', to, 'events', 'info', true);
    reportFrames('stepping', frames.stepping);
    reportFrames('playing ×10', frames.playing);

    // The 1M-event run: generated in the worker, then run to the end while the page watches.
    // The link opens it (a reload straight after would cut the opening short and resume the
    // run before); its title says it is the one on screen.
    await page.goto(`${site.url}${runLink(BIG_RUN)}`);
    const generating = Date.now();
    await page.getByRole('heading', { name: BIG_RUN.name }).waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () => /^0 of \d+/.test(document.querySelector('output.position')?.textContent ?? ''),
      null,
      { timeout: 120_000 },
    );
    const generated = Date.now() - generating;
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const runStart = Date.now();
    await page.getByRole('button', { name: 'Run to the end' }).click();
    await page.waitForFunction(
      () => {
        const m = /^(\d+) of (\d+)/.exec(
          document.querySelector('output.position')?.textContent ?? '',
        );
        return m !== null && m[1] === m[2];
      },
      null,
      { timeout: 300_000 },
    );
    const runMs = Date.now() - runStart;
    // The page is not done when the position says so: the chart then takes the whole timeline
    // (a million events, 170,000 windows) and paints it. Long tasks count until it has, and a
    // second more for the canvas's last slices.
    await page.waitForFunction(
      (n) =>
        document
          .querySelector('svg[role="img"]')
          ?.getAttribute('aria-label')
          ?.includes(`${String(n)} events`) === true,
      BIG_EVENTS,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(1000);
    const longTasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks,
    );
    const worst = Math.max(0, ...longTasks);
    report('load 1M generated events (worker)', generated, 'ms', 'info', true);
    report('run 1M events to the end (worker)', runMs, 'ms', 'info', true);
    report('events/s through the page', 1_000_000 / (runMs / 1000), 'ev/s', 'info', true);
    report(
      'main-thread long tasks during run',
      longTasks.length,
      'count',
      '0',
      longTasks.length === 0,
    );
    report('longest main-thread task', worst, 'ms', '≤ 50 ms', worst <= 50);
    if (!json) console.log(`(final position: ${await positionOf(page)})`);
  } finally {
    await browser.close();
    site.stop();
  }
}

await main();
