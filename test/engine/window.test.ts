import { describe, expect, it } from 'vitest';
import { slidingWindowStarts } from '../../src/engine/assign-sliding';
import { tumblingWindowStart } from '../../src/engine/assign-tumbling';
import { alignedStart, floorMod, maxTimestamp } from '../../src/engine/window';

describe('floorMod', () => {
  it.each([
    [7, 5, 2],
    [-1, 5, 4],
    [-5, 5, 0],
    [-6, 5, 4],
    [0, 5, 0],
  ])('%d mod %d = %d', (a, n, r) => {
    expect(floorMod(a, n)).toBe(r);
  });
});

describe('tumbling windows of 10 s', () => {
  it.each([
    // [ts, offset, window start]
    [0, 0, 0], // at start
    [9_999, 0, 0], // at end − 1
    [10_000, 0, 10_000], // at end: the next window
    [-1, 0, -10_000], // negative times align downward
    [-10_000, 0, -10_000],
    [-10_001, 0, -20_000],
    [2_000, 2_000, 2_000], // offset: windows [2 s, 12 s)
    [1_999, 2_000, -8_000],
    [0, -2_000, -2_000], // negative offset: windows [−2 s, 8 s)
    [8_000, -2_000, 8_000],
    [-2_001, -2_000, -12_000],
  ])('ts %d with offset %d is in [%d, +10 s)', (ts, offset, start) => {
    expect(tumblingWindowStart(ts, 10_000, offset)).toBe(start);
    expect(alignedStart(ts, 10_000, offset)).toBe(start);
  });

  it('maxTimestamp is end − 1', () => {
    expect(maxTimestamp({ start: 0, end: 10_000 })).toBe(9_999);
  });
});

describe('sliding windows', () => {
  const starts = (ts: number, size: number, slide: number, offset = 0): number[] => {
    const out: number[] = [];
    const n = slidingWindowStarts(ts, size, slide, offset, out);
    return out.slice(0, n);
  };

  it('puts an event in size / slide windows, latest first', () => {
    // 12:07 in 10-minute windows every 5 minutes: [12:05, 12:15) and [12:00, 12:10)
    expect(starts(7 * 60_000, 600_000, 300_000)).toEqual([300_000, 0]);
  });

  it.each([
    [0, [0, -5_000]], // at a start: in the window starting there and the one before
    [4_999, [0, -5_000]],
    [5_000, [5_000, 0]],
    [-1, [-5_000, -10_000]],
  ])('ts %d with size 10 s, slide 5 s is in windows starting %j', (ts, expected) => {
    expect(starts(ts, 10_000, 5_000)).toEqual(expected);
  });

  it('keeps only windows that contain the event when the slide does not divide the size', () => {
    // size 10, slide 3: starts ..., -3, 0, 3, ...; ts = 0 is in [0,10), [-3,7), [-6,4), [-9,1)
    expect(starts(0, 10, 3)).toEqual([0, -3, -6, -9]);
    // ts = 2 is in [0,10), [-3,7), [-6,4) but not [-9,1)
    expect(starts(2, 10, 3)).toEqual([0, -3, -6]);
  });

  it('applies an offset', () => {
    // size 10 s, slide 5 s, offset 1 s: starts at ..., −4 s, 1 s, 6 s
    expect(starts(5_500, 10_000, 5_000, 1_000)).toEqual([1_000, -4_000]);
    expect(starts(6_000, 10_000, 5_000, 1_000)).toEqual([6_000, 1_000]);
  });
});
