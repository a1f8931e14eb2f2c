import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoFormatter, minutePrefix } from '../../src/generator/iso-time';
import { Prng } from '../../src/generator/prng';
import { sortedIndices } from '../../src/generator/sort';

function reference(keys: Float64Array): number[] {
  return Array.from(keys.keys()).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
}

describe('sortedIndices', () => {
  it.each([
    ['small, many ties', 500, 10],
    ['one radix pass (range < 2^16)', 20_000, 60_000],
    ['two passes (range < 2^32)', 20_000, 3e9],
    ['three passes (range ≥ 2^32)', 20_000, 2 ** 47],
    ['ties in a large input', 50_000, 100],
  ])('orders by key, ties by index: %s', (_name, n, range) => {
    const rng = new Prng(n + range);
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = 1_700_000_000_000 + Math.floor(rng.uniform() * range);
    expect(Array.from(sortedIndices(keys, n))).toEqual(reference(keys));
  });

  it('sorts a prefix only, handles empty and negative keys', () => {
    expect(Array.from(sortedIndices(new Float64Array([3, 1, 2]), 2))).toEqual([1, 0]);
    expect(sortedIndices(new Float64Array(0), 0).length).toBe(0);
    const negative = new Float64Array(3000).map((_, i) => -((i * 7919) % 3000));
    expect(Array.from(sortedIndices(negative, 3000))).toEqual(reference(negative));
  });

  it('refuses key ranges of 2^48 or more', () => {
    expect(() => sortedIndices(new Float64Array([0, 2 ** 48]), 2)).toThrow('2^48');
  });
});

describe('IsoFormatter', () => {
  it('writes what Date#toISOString writes, for any time from year 1 to 9999', () => {
    const iso = new IsoFormatter();
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        expect(iso.format(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('handles minute, day, leap-day and epoch edges, and re-uses cached minutes', () => {
    const iso = new IsoFormatter();
    const edges = [
      0, -1, 59_999, 60_000, 951_782_400_000 /* 2000-02-29 */, 4_107_456_000_000 /* 2100-02-28 */,
      1_704_067_199_999, 1_704_067_200_000,
    ];
    for (const ms of [...edges, ...edges]) expect(iso.format(ms)).toBe(new Date(ms).toISOString());
    expect(minutePrefix(0)).toBe('1970-01-01T00:00:');
  });
});
