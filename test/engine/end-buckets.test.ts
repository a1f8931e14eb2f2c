// EndBuckets hands out exactly the items pushed with end <= threshold, whatever buckets they
// sit in, keeps the rest, and lets `take` push again without looping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EndBuckets } from '../../src/engine/end-buckets';
import { PARAMS } from './properties/harness';

function takeAll(b: EndBuckets<string>, threshold: number): string[] {
  const out: string[] = [];
  b.takeUpTo(threshold, (item) => out.push(item));
  return out.sort();
}

describe('EndBuckets', () => {
  it('takes items ending at or before the threshold, across and inside buckets', () => {
    const b = new EndBuckets<string>();
    b.push('a', 500); // bucket 0
    b.push('b', 1999); // bucket 1
    b.push('c', 2000); // bucket 2
    b.push('d', 2500); // bucket 2
    b.push('e', -1); // bucket −1
    expect(b.length).toBe(5);
    // 2000 closes a, b, e and c (end 2000 <= 2000), not d.
    expect(takeAll(b, 2000)).toEqual(['a', 'b', 'c', 'e']);
    expect(b.length).toBe(1);
    expect(takeAll(b, 2499)).toEqual([]);
    expect(takeAll(b, 2500)).toEqual(['d']);
    expect(b.length).toBe(0);
  });

  it('lets take push an item again at a later end, in the same or a later bucket', () => {
    const b = new EndBuckets<string>();
    b.push('grown', 100);
    b.push('done', 200);
    const taken: string[] = [];
    b.takeUpTo(1200, (item) => {
      taken.push(item);
      // 'grown' has since grown to end at 1500: same bucket as the threshold (1).
      if (item === 'grown') b.push(item, 1500);
    });
    expect(taken.sort()).toEqual(['done', 'grown']);
    expect(b.length).toBe(1);
    expect(takeAll(b, 1499)).toEqual([]);
    expect(takeAll(b, 1500)).toEqual(['grown']);
  });

  it('keeps +∞ and NaN ends until an infinite threshold, and −∞ goes first', () => {
    const b = new EndBuckets<string>();
    b.push('inf', Infinity);
    b.push('nan', Number.NaN);
    b.push('minf', -Infinity);
    expect(takeAll(b, -Infinity)).toEqual(['minf']);
    expect(takeAll(b, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(takeAll(b, Infinity)).toEqual(['inf', 'nan']);
  });

  it('reset replaces the contents', () => {
    const b = new EndBuckets<string>();
    b.push('old', 10);
    b.reset(['x', 'y'], (item) => (item === 'x' ? 5000 : 7000));
    expect(b.length).toBe(2);
    expect(takeAll(b, 6000)).toEqual(['x']);
    expect(takeAll(b, 7000)).toEqual(['y']);
  });

  it('matches a sorted list under random pushes and rising thresholds', () => {
    const step = fc.oneof(
      fc.record({ push: fc.integer({ min: -5000, max: 20_000 }) }),
      fc.record({ take: fc.integer({ min: 0, max: 3000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const b = new EndBuckets<number>();
        let reference: { id: number; end: number }[] = [];
        let threshold = -6000;
        let id = 0;
        for (const s of steps) {
          if ('push' in s) {
            b.push(id, s.push);
            reference.push({ id: id++, end: s.push });
            continue;
          }
          threshold += s.take;
          const got: number[] = [];
          b.takeUpTo(threshold, (item) => got.push(item));
          const want = reference.filter((r) => r.end <= threshold).map((r) => r.id);
          reference = reference.filter((r) => r.end > threshold);
          expect(got.sort((x, y) => x - y)).toEqual(want);
          expect(b.length).toBe(reference.length);
        }
      }),
      PARAMS,
    );
  });
});
