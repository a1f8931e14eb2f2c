import { describe, expect, it } from 'vitest';
import { frameStats } from '../../src/cli/bench-frames';

describe('frameStats', () => {
  it('gives the median, the 95th percentile by nearest rank, and the frames over 50 ms', () => {
    const deltas = [...Array.from({ length: 18 }, () => 16.7), 60, 120];
    expect(frameStats(deltas)).toEqual({ frames: 20, median: 16.7, p95: 60, over50: 2 });
    expect(frameStats([50, 10, 30])).toEqual({ frames: 3, median: 30, p95: 50, over50: 0 });
  });

  it('has no figures without frames', () => {
    expect(frameStats([])).toEqual({ frames: 0, median: NaN, p95: NaN, over50: 0 });
  });
});
