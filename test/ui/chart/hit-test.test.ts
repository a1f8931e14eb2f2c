import { describe, expect, it } from 'vitest';
import { nearestPoint } from '../../../src/ui/chart/hit-test';

const xs = [10, 20, 20, NaN, 100];
const ys = [10, 10, 10, 50, 100];

describe('nearestPoint', () => {
  it.each([
    { at: [11, 11], reach: 5, hit: 0 },
    { at: [19, 10], reach: 5, hit: 2 }, // two points in one place: the later one, drawn on top
    { at: [60, 60], reach: 10, hit: -1 },
    { at: [100, 110], reach: 10, hit: 4 }, // exactly at the reach
    { at: [100, 111], reach: 10, hit: -1 },
  ])('$at within $reach → $hit', ({ at, reach, hit }) => {
    expect(nearestPoint(xs, ys, at[0] ?? 0, at[1] ?? 0, reach)).toBe(hit);
  });

  it('skips points the caller leaves out, and NaN ones', () => {
    expect(nearestPoint(xs, ys, 20, 10, 5, (i) => i === 2)).toBe(1);
    expect(nearestPoint(xs, ys, NaN, 50, 5)).toBe(-1);
    expect(nearestPoint([], [], 0, 0, 5)).toBe(-1);
  });

  it('finds the nearest among many', () => {
    const n = 10_000;
    const many = Float64Array.from({ length: n }, (_, i) => i * 3);
    expect(nearestPoint(many, many, 2_998, 2_998, 10)).toBe(999);
  });
});
