// Distribution checks on 100,000 events with tolerances: the stream has the shares, the user
// activity and the sessions its settings ask for.
import { describe, expect, it } from 'vitest';
import { generateClickstream, type ClickEvent, type ImpressionEvent } from '../../src/generator';
import { at, byId, countBy, groupBy, widestStep } from './helpers';

const N = 100_000;
const START = Date.UTC(2024, 0, 1);
const events = generateClickstream({ events: N, seed: 11 });
const types = countBy(events, (e) => e.event_type);
const count = (type: string): number => types[type] ?? 0;

describe('event types follow the funnel and the ad settings (defaults)', () => {
  it.each([
    ['product views per page view', 'product_view', 'page_view', 0.6, 0.02],
    ['cart adds per product view', 'add_to_cart', 'product_view', 0.3, 0.015],
    ['purchases per cart add', 'purchase', 'add_to_cart', 0.5, 0.03],
    ['clicks per impression (CTR)', 'click', 'impression', 0.05, 0.007],
  ])('%s ≈ %s / %s = %s', (_name, top, bottom, expected, tolerance) => {
    expect(Math.abs(count(top) / count(bottom) - expected)).toBeLessThan(tolerance);
  });

  it('has impressions as a share 0.2 of all events', () => {
    expect(Math.abs(count('impression') / N - 0.2)).toBeLessThan(0.01);
  });

  it('has the rate: about 10 events per second of event time', () => {
    const last = Math.max(...events.map((e) => e.event_time_ms));
    expect(Math.abs(N / ((last - START) / 1000) / 10 - 1)).toBeLessThan(0.05);
  });

  it('follows other funnel and ad settings too', () => {
    const other = generateClickstream({
      events: 50_000,
      funnel: { productView: 0.9, addToCart: 0.5, purchase: 0.2 },
      ads: { impressionShare: 0.4, clickThroughRate: 0.2 },
    });
    const c = countBy(other, (e) => e.event_type);
    const share = (a: string, b: string): number => (c[a] ?? 0) / (c[b] ?? 1);
    expect(share('product_view', 'page_view')).toBeCloseTo(0.9, 1);
    expect(share('add_to_cart', 'product_view')).toBeCloseTo(0.5, 1);
    expect(share('purchase', 'add_to_cart')).toBeCloseTo(0.2, 1);
    expect(share('click', 'impression')).toBeCloseTo(0.2, 1);
    expect((c.impression ?? 0) / other.length).toBeCloseTo(0.4, 1);
  });
});

describe('clicks', () => {
  it('each refer to an earlier impression of the same user and session, a few seconds before', () => {
    const impressions = new Map<string, ImpressionEvent>();
    const clicked = new Set<string>();
    for (const e of byId(events)) {
      if (e.event_type === 'impression') impressions.set(e.impression_id, e);
      if (e.event_type !== 'click') continue;
      const shown = impressions.get(e.impression_id);
      expect(shown, `click ${String(e.event_id)}`).toBeDefined();
      const s = shown as ImpressionEvent;
      const c: ClickEvent = e;
      expect([c.user_id, c.session_id, c.campaign_id, c.ad_id]).toEqual([
        s.user_id,
        s.session_id,
        s.campaign_id,
        s.ad_id,
      ]);
      expect(c.event_time_ms - s.event_time_ms).toBeGreaterThanOrEqual(1000);
      expect(c.event_time_ms - s.event_time_ms).toBeLessThanOrEqual(10_000);
      expect(clicked.has(c.impression_id)).toBe(false);
      clicked.add(c.impression_id);
    }
  });
});

describe('user activity (Zipf)', () => {
  function topVersusMedian(exponent: number): number {
    const stream =
      exponent === 1
        ? events
        : generateClickstream({ events: N, seed: 11, zipfExponent: exponent });
    const perUser = Object.values(countBy(stream, (e) => e.user_id)).sort((a, b) => b - a);
    const top = perUser.slice(0, Math.max(1, Math.round(perUser.length / 100)));
    const median = perUser[Math.floor(perUser.length / 2)] ?? 1;
    return top.reduce((s, x) => s + x, 0) / top.length / median;
  }

  it('gives the top 1% of users clearly more events than the median user', () => {
    expect(topVersusMedian(1)).toBeGreaterThan(4);
  });

  it('is flat with exponent 0', () => {
    // Sessions vary in length, so even equal users differ: the top 1% is the tail of that.
    expect(topVersusMedian(0)).toBeLessThan(2.5);
  });
});

describe('sessions', () => {
  const GAP = 30_000;
  const sessions = groupBy(byId(events), (e) => e.session_id);

  it('keep consecutive events of a session closer than the gap, and one user each', () => {
    const lists = [...sessions.values()];
    expect(lists.every((list) => new Set(list.map((e) => e.user_id)).size === 1)).toBe(true);
    const widest = Math.max(...lists.map((list) => widestStep(list, (e) => e.event_time_ms)));
    expect(widest).toBeLessThan(GAP);
    expect(widest).toBeGreaterThan(GAP * 0.8);
  });

  it('separate one user’s sessions by more than the gap', () => {
    const spans = [...sessions.values()].map((list) => ({
      user: at(list, 0).user_id,
      first: at(list, 0).event_time_ms,
      last: at(list, -1).event_time_ms,
    }));
    let checked = 0;
    let closest = Infinity;
    for (const list of groupBy(spans, (s) => s.user).values()) {
      list.sort((a, b) => a.first - b.first);
      for (let i = 1; i < list.length; i++) {
        closest = Math.min(closest, at(list, i).first - at(list, i - 1).last);
        checked++;
      }
    }
    expect(closest).toBeGreaterThan(GAP);
    expect(checked).toBeGreaterThan(5000);
  });

  it('hold with a short gap too', () => {
    const short = byId(generateClickstream({ events: 20_000, sessionGap: '2 seconds' }));
    const lists = [...groupBy(short, (e) => e.session_id).values()];
    expect(Math.max(...lists.map((list) => widestStep(list, (e) => e.event_time_ms)))).toBeLessThan(
      2000,
    );
  });
});
