import { describe, expect, it } from 'vitest';
import {
  arrivalPositions,
  eventTimeDomain,
  finiteExtent,
  hasUntimed,
  padDomain,
  pixelPositions,
  processingTimeDomain,
  stepBands,
} from '../../../src/ui/chart/chart-scales';
import { timelineOf } from './fixtures';

describe('finiteExtent and padDomain', () => {
  it.each([
    { values: [3, 1, 2], extent: [1, 3] },
    { values: [NaN, 5, Infinity, -Infinity], extent: [5, 5] },
    { values: [NaN], extent: null },
    { values: [], extent: null },
    { values: [-2_000, -1_000], extent: [-2_000, -1_000] },
  ])('$values → $extent', ({ values, extent }) => {
    expect(finiteExtent(values)).toEqual(extent);
  });

  it('pads a span by 4 % each side and a single instant by a second', () => {
    expect(padDomain([0, 10_000])).toEqual([-400, 10_400]);
    expect(padDomain([5_000, 5_000])).toEqual([4_000, 6_000]);
  });
});

describe('eventTimeDomain', () => {
  it('spans the events and their windows, padded', () => {
    // Events 1 s … 16 s (the one with no time is left out). Windows reach 0 s, and 20 s, which is
    // cut to 16 s + a quarter of the events' 15 s span = 19.75 s. Then 4 % of 19.75 s each side.
    expect(eventTimeDomain(timelineOf('spark'))).toEqual([-790, 20_540]);
  });

  it('lets windows widen it by at most a quarter of the events span', () => {
    const t = timelineOf('spark', 1);
    // Events at 1 s, 2 s and 3 s; their windows are [0, 10 s): 0.5 s reach each side.
    const [min, max] = eventTimeDomain(t);
    expect(min).toBeCloseTo(500 - 0.04 * 3_000);
    expect(max).toBeCloseTo(3_500 + 0.04 * 3_000);
  });

  it('shows a minute from the epoch for an empty timeline', () => {
    expect(eventTimeDomain(timelineOf('spark', 0))).toEqual([0, 60_000]);
  });

  it('ignores events with no time', () => {
    const t = timelineOf('spark', Infinity, undefined, [[{ ts: null, user: 'x', kind: 'click' }]]);
    expect(hasUntimed(t)).toBe(true);
    expect(eventTimeDomain(t)).toEqual([0, 60_000]);
  });
});

describe('stepBands and processing time', () => {
  it('gives each Spark batch a band ending when it ran, as long as the shortest gap', () => {
    const t = timelineOf('spark');
    const bands = stepBands(t.steps);
    expect(bands).toEqual([
      { index: 0, from: -1_000, to: 0 },
      { index: 1, from: 0, to: 1_000 },
      { index: 2, from: 1_000, to: 2_000 },
    ]);
    // Half a band more below the last, for the next watermark.
    expect(processingTimeDomain(t, bands)).toEqual([-1_000, 2_500]);
  });

  it('leaves a gap where a trigger found no data', () => {
    const steps = [0, 10_000, 40_000].map((processingTime, i) => ({
      processingTime,
      watermarkBefore: null,
      watermarkAfter: null,
      firstEvent: i,
      eventCount: 1,
    }));
    expect(stepBands(steps).map((b) => [b.from, b.to])).toEqual([
      [-10_000, 0],
      [0, 10_000],
      [30_000, 40_000],
    ]);
  });

  it('makes one step a one-second band', () => {
    expect(stepBands(timelineOf('spark', 1).steps)).toEqual([{ index: 0, from: -1_000, to: 0 }]);
  });

  it('pads Flink records’ processing times and handles an empty timeline', () => {
    const t = timelineOf('flink');
    expect(processingTimeDomain(t, stepBands(t.steps))).toEqual([-24, 624]);
    const empty = timelineOf('flink', 0);
    expect(processingTimeDomain(empty, stepBands(empty.steps))).toEqual([0, 60_000]);
  });
});

describe('arrivalPositions', () => {
  it('spreads a Spark batch through its band in arrival order', () => {
    const t = timelineOf('spark');
    const y = [...arrivalPositions(t, stepBands(t.steps))];
    expect(y.map((v) => Math.round(v))).toEqual([-833, -500, -167, 500, 1_250, 1_750]);
  });

  it('puts each Flink record at its own processing time', () => {
    const t = timelineOf('flink');
    expect([...arrivalPositions(t, stepBands(t.steps))]).toEqual([0, 100, 200, 300, 400, 500, 600]);
  });
});

describe('pixelPositions', () => {
  it('scales event and arrival times, and sends events with no time to the gutter', () => {
    const t = timelineOf('spark');
    const arrivals = arrivalPositions(t, stepBands(t.steps));
    const { xs, ys } = pixelPositions(
      t,
      arrivals,
      (ms) => ms / 1000,
      (ms) => ms / 10,
      -5,
    );
    expect([...xs]).toEqual([1, 3, 2, 16, 4, -5]);
    expect([...ys].map(Math.round)).toEqual([-83, -50, -17, 50, 125, 175]);
  });
});
