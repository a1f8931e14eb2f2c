// Frame times of the chart's motion for `npm run bench:ui`: a generated run stepped until 10,000
// events are in view, then requestAnimationFrame deltas recorded while it steps (each step's
// animation) and while it plays. Reports median, 95th percentile and frames over 50 ms.
import type { Page } from 'playwright-core';
import { runLink } from '../ui/address';
import type { RunSpec } from '../worker/run-manager';

/** 1,000 events a batch (100 per second, a 10 s trigger), some arriving up to 40 s late. */
export const FRAME_RUN: RunSpec = {
  name: 'Benchmark: 20,000 generated events, clicks per user per minute',
  semantics: 'spark',
  query: {
    time: 'event_time_ms',
    window: { type: 'tumbling', size: '1 minute' },
    groupBy: ['user_id'],
    aggregates: [{ fn: 'count', as: 'count' }],
    watermark: { delay: '20 seconds' },
    outputMode: 'append',
    triggerInterval: '10 seconds',
  },
  input: {
    kind: 'generated',
    seed: 7,
    settings: {
      events: 20_000,
      rate: 100,
      users: 1_000,
      arrival: {
        kind: 'stragglers',
        fraction: 0.05,
        baseDelay: '2 seconds',
        maxDelay: '40 seconds',
      },
    },
  },
};

export interface FrameStats {
  readonly frames: number;
  readonly median: number;
  readonly p95: number;
  /** Frames that took longer than 50 ms. */
  readonly over50: number;
}

/** Median, 95th percentile (nearest rank) and long frames of frame-to-frame times in ms. */
export function frameStats(deltas: readonly number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const rank = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return {
    frames: sorted.length,
    median: rank(0.5),
    p95: rank(0.95),
    over50: sorted.filter((d) => d > 50).length,
  };
}

const position = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const m = /^(\d+) of/.exec(document.querySelector('output.position')?.textContent ?? '');
    return m === null ? -1 : Number(m[1]);
  });

/** The events the chart shows, as its summary (the image's name) says. */
async function eventsInView(page: Page): Promise<number> {
  const summary = await page.evaluate(
    () => document.querySelector('svg[role="img"]')?.getAttribute('aria-label') ?? '',
  );
  const m = /(\d+) events/.exec(summary);
  return m === null ? NaN : Number(m[1]);
}

async function nextBatch(page: Page): Promise<void> {
  const before = await position(page);
  await page.getByRole('button', { name: 'Next batch' }).click();
  await page.waitForFunction(
    (n) => document.querySelector('output.position')?.textContent.startsWith(`${String(n)} of`),
    before + 1,
  );
}

/**
 * Records requestAnimationFrame deltas in the page until `stopFrames`. Sent as text: tsx names
 * inner functions with a helper (`__name`) that does not exist in the page.
 */
const START_FRAMES = `(() => {
  window.frameDeltas = [];
  window.recording = true;
  let last = 0;
  const tick = (now) => {
    if (!window.recording) return;
    if (last > 0) window.frameDeltas.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function startFrames(page: Page): Promise<void> {
  await page.evaluate(START_FRAMES);
}

function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { frameDeltas: number[]; recording: boolean };
    w.recording = false;
    return w.frameDeltas;
  });
}

/** Opens FRAME_RUN at `url`, steps to 10,000 events, then measures stepping and playing. */
export async function measureFrames(
  page: Page,
  url: string,
): Promise<{ inView: readonly [number, number]; stepping: FrameStats; playing: FrameStats }> {
  // The link opens the run (a reload now would cut the opening short and resume the old run).
  await page.goto(`${url}${runLink(FRAME_RUN)}`);
  await page.getByRole('heading', { name: FRAME_RUN.name }).waitFor({ timeout: 60_000 });
  await page.getByText('0 of', { exact: false }).waitFor({ timeout: 60_000 });
  for (let k = 0; k < 11; k++) await nextBatch(page);
  await page.waitForTimeout(1500);
  const first = await eventsInView(page);

  // Stepping: five steps, each given the time its animation takes.
  await startFrames(page);
  for (let k = 0; k < 5; k++) {
    await nextBatch(page);
    await page.waitForTimeout(1200);
  }
  const stepping = frameStats(await stopFrames(page));

  // Playing at ×10: a batch (10 s of processing time) a second.
  await page.getByLabel('speed').selectOption('10');
  await startFrames(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(4000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const playing = frameStats(await stopFrames(page));
  return { inView: [first, await eventsInView(page)], stepping, playing };
}
