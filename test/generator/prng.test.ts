import { describe, expect, it } from 'vitest';
import { Prng, seedToUint32, splitmix32 } from '../../src/generator/prng';
import { WeightedSampler, pickWeighted, zipfSampler } from '../../src/generator/sampler';

const draws = (rng: Prng, n: number, f: (r: Prng) => number): number[] =>
  Array.from({ length: n }, () => f(rng));
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('Prng', () => {
  it('pins its first outputs (changing them changes every stored run)', () => {
    const one = new Prng(1);
    expect(draws(one, 4, (r) => r.nextUint32())).toEqual([
      3168402568, 2750143035, 737677903, 1490669932,
    ]);
    const demo = new Prng('demo');
    expect(draws(demo, 3, (r) => r.nextUint32())).toEqual([144131821, 814906701, 4223620827]);
  });

  it('repeats for the same seed and differs for another', () => {
    const a = draws(new Prng(42), 100, (r) => r.uniform());
    expect(draws(new Prng(42), 100, (r) => r.uniform())).toEqual(a);
    expect(draws(new Prng(43), 100, (r) => r.uniform())).not.toEqual(a);
    expect(draws(new Prng('42'), 100, (r) => r.uniform())).not.toEqual(a);
  });

  it('keeps the bits of seeds above 2^32 and of negative seeds', () => {
    const seeds = [1, 2 ** 32 + 1, -1, 2 ** 32 - 1, Number.MAX_SAFE_INTEGER, 'a', 'b', ''];
    expect(new Set(seeds.map(seedToUint32)).size).toBe(seeds.length);
    expect(splitmix32(0)).not.toBe(splitmix32(1));
  });

  it('forks streams that depend on the label, not on draws made before', () => {
    const a = new Prng(7);
    const before = draws(a.fork('arrival'), 5, (r) => r.uniform());
    draws(a, 10, (r) => r.uniform());
    expect(draws(a.fork('arrival'), 5, (r) => r.uniform())).toEqual(before);
    expect(draws(a.fork('users'), 5, (r) => r.uniform())).not.toEqual(before);
  });

  it('draws uniform values in [0, 1) with mean 1/2', () => {
    const xs = draws(new Prng(3), 100_000, (r) => r.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
  });

  it('draws whole numbers in [min, max], both ends included', () => {
    const xs = draws(new Prng(4), 10_000, (r) => r.int(-2, 3));
    expect(new Set(xs)).toEqual(new Set([-2, -1, 0, 1, 2, 3]));
    const between = draws(new Prng(4), 1000, (r) => r.between(5, 6));
    expect(between.every((x) => x >= 5 && x < 6)).toBe(true);
  });

  it('draws exponentials with the given mean and normals with mean 0, sd 1', () => {
    const e = draws(new Prng(5), 100_000, (r) => r.exponential(250));
    expect(Math.min(...e)).toBeGreaterThanOrEqual(0);
    expect(mean(e) / 250).toBeCloseTo(1, 1);
    const n = draws(new Prng(6), 100_001, (r) => r.normal());
    const m = mean(n);
    const sd = Math.sqrt(mean(n.map((x) => (x - m) ** 2)));
    expect(m).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
    expect(draws(new Prng(6), 3, (r) => r.normal(10, 2)).every(Number.isFinite)).toBe(true);
  });

  it('makes chance(p) true a share p of the time', () => {
    const hits = draws(new Prng(8), 100_000, (r) => (r.chance(0.3) ? 1 : 0));
    expect(mean(hits)).toBeCloseTo(0.3, 2);
    expect(draws(new Prng(8), 100, (r) => (r.chance(0) ? 1 : 0))).not.toContain(1);
  });
});

describe('WeightedSampler and zipfSampler', () => {
  it('draws each index in proportion to its weight; zero weights never', () => {
    const sampler = new WeightedSampler([1, 0, 3, 6]);
    const rng = new Prng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) {
      const k = sampler.sample(rng);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[0] ?? 0) / 100_000).toBeCloseTo(0.1, 2);
    expect((counts[2] ?? 0) / 100_000).toBeCloseTo(0.3, 2);
    expect((counts[3] ?? 0) / 100_000).toBeCloseTo(0.6, 2);
    expect(sampler.probability(3)).toBeCloseTo(0.6, 12);
  });

  it.each([
    [[], 'at least one above 0'],
    [[0, 0], 'at least one above 0'],
    [[1, -1], 'weight 1 is -1'],
    [[1, Number.NaN], 'weight 1 is NaN'],
  ])('refuses weights %j', (weights, message) => {
    expect(() => new WeightedSampler(weights)).toThrow(message);
  });

  it('makes rank k about 2^s times as likely as rank 2k (Zipf), exponent 0 uniform', () => {
    const zipf = zipfSampler(100, 1.2);
    expect(zipf.probability(0) / zipf.probability(1)).toBeCloseTo(2 ** 1.2, 9);
    expect(zipf.probability(9) / zipf.probability(19)).toBeCloseTo(2 ** 1.2, 9);
    const flat = zipfSampler(10, 0);
    expect(flat.probability(0)).toBeCloseTo(flat.probability(9), 12);
  });

  it('picks one weighted item without a table', () => {
    const picks = draws(new Prng(10), 1000, (r) => pickWeighted(r, [1, 2], [0, 1]));
    expect(new Set(picks)).toEqual(new Set([2]));
    expect(() => pickWeighted(new Prng(1), ['a'], [1, 2])).toThrow('one weight per item');
  });
});
