// Weighted choice by a precomputed cumulative table and binary search, and the Zipf law
// (P(rank k) ∝ 1 / k^s) built on it: O(log n) per draw, deterministic given the Prng.

import type { Prng } from './prng';

/** Draws index i with probability weights[i] / sum(weights). */
export class WeightedSampler {
  /** cumulative[i] = weights[0] + … + weights[i]; the last entry is the total. */
  readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i] ?? 0;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new RangeError(`weight ${String(i)} is ${String(w)}: weights must be finite and ≥ 0`);
      }
      total += w;
      this.cumulative[i] = total;
    }
    if (!(total > 0)) throw new RangeError('weights must include at least one above 0');
    this.total = total;
  }

  get size(): number {
    return this.cumulative.length;
  }

  /** The first index whose cumulative weight exceeds u · total (zero weights are never drawn). */
  sample(rng: Prng): number {
    const cumulative = this.cumulative;
    const target = rng.uniform() * this.total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The probability of index i. */
  probability(i: number): number {
    const upper = this.cumulative[i] ?? 0;
    const lower = i > 0 ? (this.cumulative[i - 1] ?? 0) : 0;
    return (upper - lower) / this.total;
  }
}

/** Zipf over n ranks: index 0 (rank 1) is the most likely; exponent 0 is uniform. */
export function zipfSampler(n: number, exponent: number): WeightedSampler {
  const weights = new Float64Array(n);
  for (let k = 1; k <= n; k++) weights[k - 1] = 1 / k ** exponent;
  return new WeightedSampler(weights);
}

/** One weighted choice from a list, without a table (fine outside hot loops). */
export function pickWeighted<T>(rng: Prng, items: readonly T[], weights: readonly number[]): T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('pickWeighted needs one weight per item and at least one item');
  }
  return items[new WeightedSampler(weights).sample(rng)] as T;
}
