import { describe, expect, it } from 'vitest';
import { stepBands } from '../../../src/ui/chart/chart-scales';
import { nextWatermark, splitHead, watermarkSegments } from '../../../src/ui/chart/watermark-path';
import { timelineOf } from './fixtures';

describe('watermarkSegments', () => {
  it('draws Spark as a staircase: each batch’s watermark down its band', () => {
    const t = timelineOf('spark');
    // Batches ran with 0, 0 and 11 s (batch 1's max 16 s − 5 s takes effect in batch 2).
    expect(watermarkSegments(t, stepBands(t.steps))).toEqual([
      [
        { x: 0, y: -1_000 },
        { x: 0, y: 0 },
        { x: 0, y: 0 },
        { x: 0, y: 1_000 },
        { x: 11_000, y: 1_000 },
        { x: 11_000, y: 2_000 },
      ],
    ]);
  });

  it('holds a Spark watermark across a gap until the next batch', () => {
    const steps = [
      {
        processingTime: 10_000,
        watermarkBefore: 5,
        watermarkAfter: 7,
        firstEvent: 0,
        eventCount: 0,
      },
      {
        processingTime: 40_000,
        watermarkBefore: 7,
        watermarkAfter: 7,
        firstEvent: 0,
        eventCount: 0,
      },
    ];
    const t = { ...timelineOf('spark', 0), steps };
    expect(watermarkSegments(t, stepBands(steps))).toEqual([
      [
        { x: 5, y: -20_000 },
        { x: 5, y: 10_000 },
        { x: 7, y: 10_000 },
        { x: 7, y: 40_000 },
      ],
    ]);
  });

  it('draws Flink after each record, held until the next moves it, skipping −∞ and +∞', () => {
    const t = timelineOf('flink');
    expect(watermarkSegments(t, stepBands(t.steps))).toEqual([
      [
        { x: -4_001, y: 0 },
        { x: -4_001, y: 100 },
        { x: -2_001, y: 100 },
        { x: -2_001, y: 200 },
        { x: -2_001, y: 300 },
        { x: 10_999, y: 300 },
        { x: 10_999, y: 400 },
        { x: 10_999, y: 500 },
      ],
    ]);
  });

  it('breaks the line where there is no watermark', () => {
    const steps = [null, 1, null, 2, 3].map((w, i) => ({
      processingTime: i * 100,
      watermarkBefore: w,
      watermarkAfter: w,
      firstEvent: 0,
      eventCount: 0,
    }));
    const t = { ...timelineOf('flink', 0), steps };
    expect(watermarkSegments(t, stepBands(steps))).toEqual([
      [{ x: 1, y: 100 }],
      [
        { x: 2, y: 300 },
        { x: 2, y: 400 },
        { x: 3, y: 400 },
      ],
    ]);
  });

  it('draws nothing for an empty timeline or one with no watermark', () => {
    expect(watermarkSegments(timelineOf('spark', 0), [])).toEqual([]);
    const noWatermark = timelineOf('spark', Infinity, { ...timelineQueryWithout() });
    expect(watermarkSegments(noWatermark, stepBands(noWatermark.steps))).toEqual([]);
  });
});

describe('nextWatermark', () => {
  it('is Spark’s watermark for the next batch, as a stub below the last band', () => {
    const t = timelineOf('spark', 2);
    expect(nextWatermark(t, stepBands(t.steps))).toEqual({ x: 11_000, from: 1_000, to: 1_500 });
  });

  it('is null for Flink and before any batch', () => {
    const t = timelineOf('flink');
    expect(nextWatermark(t, stepBands(t.steps))).toBeNull();
    expect(nextWatermark(timelineOf('spark', 0), [])).toBeNull();
  });
});

function timelineQueryWithout(): Record<string, unknown> {
  return {
    time: 'ts',
    window: { type: 'tumbling', size: '10 seconds' },
    groupBy: ['user'],
    aggregates: [{ fn: 'count', as: 'n' }],
    outputMode: 'complete',
  };
}

describe('splitHead', () => {
  const a = { x: 0, y: 0 };
  const b = { x: 0, y: 10 };
  const c = { x: 5, y: 10 };

  it('keeps Spark’s staircase and moves the stub for the next watermark, joined to it', () => {
    expect(splitHead([[a, b]], { x: 9, from: 10, to: 15 })).toEqual({
      body: [[a, b]],
      head: { from: b, x: 9, y: 10, stubTo: 15 },
    });
    // No staircase yet: the stub starts where it stands.
    expect(splitHead([], { x: 9, from: 10, to: 15 }).head?.from).toEqual({ x: 9, y: 10 });
  });

  it('takes the last point out of a line (Flink) and moves it', () => {
    expect(splitHead([[a], [b, c]], null)).toEqual({
      body: [[a], [b]],
      head: { from: b, x: 5, y: 10, stubTo: null },
    });
    // A run of one point: the end starts from itself.
    expect(splitHead([[c]], null)).toEqual({
      body: [],
      head: { from: c, x: 5, y: 10, stubTo: null },
    });
  });

  it('has no end to move without a watermark', () => {
    expect(splitHead([], null)).toEqual({ body: [], head: null });
  });
});
