import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STREAM,
  generateStream,
  mulberry32,
  summarize,
  zipfCdf,
} from '../../src/cli/bench-stream';

describe('mulberry32', () => {
  it('gives the same floats in [0, 1) for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
});

describe('zipfCdf', () => {
  it('is increasing, ends at 1, and gives rank 1 twice the weight of rank 2 (s = 1)', () => {
    const cdf = zipfCdf(4, 1);
    const total = 1 + 1 / 2 + 1 / 3 + 1 / 4;
    [1, 1.5, 1.5 + 1 / 3, total].forEach((x, i) =>
      expect((cdf[i] ?? 0) * total).toBeCloseTo(x, 12),
    );
    expect(cdf[3]).toBe(1);
  });
});

describe('generateStream', () => {
  const stream = generateStream({ events: 50_000 });

  it('is the same for the same seed and differs for another', () => {
    expect(generateStream({ events: 50_000 })).toEqual(stream);
    expect(generateStream({ events: 1000, seed: 7 })).not.toEqual(stream.slice(0, 1000));
  });

  it('makes a shorter stream a prefix of a longer one', () => {
    expect(generateStream({ events: 20_000 })).toEqual(stream.slice(0, 20_000));
  });

  it('makes plain events with integer ms times, known users and event types', () => {
    const types = new Set([
      'page_view',
      'product_view',
      'add_to_cart',
      'purchase',
      'impression',
      'click',
    ]);
    for (const e of stream) {
      expect(Object.keys(e)).toEqual(['ts', 'user_id', 'event_type']);
      expect(Number.isInteger(e.ts)).toBe(true);
      expect(e.user_id).toMatch(/^u([1-9]\d{0,3}|10000)$/);
      expect(types.has(e.event_type)).toBe(true);
    }
  });

  it('runs at about 1,000 events per second with 5% out of order, 12% impressions, 1% clicks', () => {
    const s = summarize(stream);
    const lastSeconds = (Math.max(...stream.map((e) => e.ts)) - DEFAULT_STREAM.startMs) / 1000;
    expect(lastSeconds).toBeGreaterThan(48);
    expect(lastSeconds).toBeLessThan(52);
    expect(s.outOfOrder / s.events).toBeCloseTo(0.05, 2);
    expect(s.impressions / s.events).toBeCloseTo(0.12, 1);
    expect(s.clicks / s.events).toBeCloseTo(0.01, 2);
  });

  it('pushes out-of-order events back by 1 to 90 seconds', () => {
    const events = generateStream({ events: 20_000, outOfOrder: 1, eventsPerSecond: 1e9 });
    // At this rate every event arrives at startMs, so its lag is startMs − ts.
    const lags = events.map((e) => DEFAULT_STREAM.startMs - e.ts);
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...lags)).toBeLessThanOrEqual(90_000);
    expect(Math.max(...lags)).toBeGreaterThan(89_000);
  });

  it('picks users by Zipf: the commonest user is far more frequent than the median', () => {
    const perUser = new Map<string, number>();
    for (const e of stream) perUser.set(e.user_id, (perUser.get(e.user_id) ?? 0) + 1);
    const counts = [...perUser.values()].sort((a, b) => b - a);
    expect(perUser.get('u1')).toBe(counts[0]);
    expect((counts[0] ?? 0) / (counts[Math.floor(counts.length / 2)] ?? 1)).toBeGreaterThan(100);
  });
});
