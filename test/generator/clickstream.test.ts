import { describe, expect, it } from 'vitest';
import {
  generateClickstream,
  generateFromSettings,
  normaliseGeneratorSettings,
  prepareClickstream,
  twoInputs,
  type GeneratedEvent,
} from '../../src/generator';
import { byId, everyPair, fingerprint, idNumber } from './helpers';

const BASE_FIELDS = [
  'event_id',
  'event_timestamp',
  'event_time_ms',
  'arrival_ms',
  'user_id',
  'session_id',
  'device_type',
  'os',
  'browser',
  'location',
  'event_type',
];
const PRODUCT = ['product_id', 'product_name', 'product_category', 'price'];
const AD = ['impression_id', 'campaign_id', 'ad_id', 'cost'];
const FIELDS_BY_TYPE: Record<string, string[]> = {
  page_view: [...BASE_FIELDS, 'page_url', 'referrer_url', 'time_spent'],
  product_view: [...BASE_FIELDS, ...PRODUCT],
  add_to_cart: [...BASE_FIELDS, ...PRODUCT, 'quantity'],
  purchase: [...BASE_FIELDS, ...PRODUCT, 'quantity', 'total_amount', 'order_id'],
  impression: [...BASE_FIELDS, ...AD],
  click: [...BASE_FIELDS, ...AD],
};

describe('generateClickstream: determinism', () => {
  it('gives the same events, byte for byte, for the same seed and settings', () => {
    const settings = { seed: 99, events: 3000 };
    const json = JSON.stringify(generateClickstream(settings));
    expect(JSON.stringify(generateClickstream(settings))).toBe(json);
    expect(JSON.stringify(generateClickstream({ ...settings, seed: 100 }))).not.toBe(json);
    expect(JSON.stringify(generateClickstream({ ...settings, seed: '99' }))).not.toBe(json);
  });

  it('pins a fingerprint of two streams (a change here changes every stored run)', () => {
    expect(fingerprint(JSON.stringify(generateClickstream({ events: 500 })))).toBe('7e00f677');
    const demo = generateClickstream({
      seed: 'demo',
      duration: '1 minute',
      arrival: { kind: 'exponential', meanDelay: '3 seconds' },
    });
    expect(fingerprint(JSON.stringify(demo))).toBe('1fe3cbb7');
  });

  it('gives the same from normalised settings and in slices', () => {
    const result = normaliseGeneratorSettings({ events: 2000, seed: 5 });
    if (!result.ok) throw new Error('settings');
    const all = generateFromSettings(result.settings);
    expect(all).toEqual(generateClickstream({ events: 2000, seed: 5 }));
    const stream = prepareClickstream({ events: 2000, seed: 5 });
    expect(stream.length).toBe(2000);
    const pieces = [stream.slice(0, 700), stream.slice(700, 1500), stream.slice(1500, 99_999)];
    expect(pieces.flat()).toEqual(all);
    expect(stream.slice(-5, 0)).toEqual([]);
  });
});

describe('prepareClickstream', () => {
  it('cuts micro-batches by arrival time: positionAtArrival(t) … positionAtArrival(t + trigger)', () => {
    const stream = prepareClickstream({ duration: '2 minutes', seed: 8 });
    const all = stream.slice();
    const trigger = 10_000;
    const first = stream.arrivalMsAt(0);
    expect(first).toBe(all[0]?.arrival_ms);
    const batches: GeneratedEvent[][] = [];
    for (let t = first; t <= stream.arrivalMsAt(stream.length - 1); t += trigger) {
      const batch = stream.slice(
        stream.positionAtArrival(t),
        stream.positionAtArrival(t + trigger),
      );
      expect(batch.every((e) => e.arrival_ms >= t && e.arrival_ms < t + trigger)).toBe(true);
      batches.push(batch);
    }
    expect(batches.flat()).toEqual(all);
    expect(stream.positionAtArrival(-Infinity)).toBe(0);
    expect(stream.positionAtArrival(Infinity)).toBe(stream.length);
  });
});

describe('generateClickstream: what each event holds', () => {
  const events = generateClickstream({ events: 5000, seed: 2 });

  it('has exactly the fields of its type, with the right kinds of values', () => {
    const wrong = events.filter(
      (e) =>
        Object.keys(e).join() !== FIELDS_BY_TYPE[e.event_type]?.join() ||
        !Number.isInteger(e.event_id) ||
        !/^u\d+$/.test(e.user_id) ||
        !/^s\d+$/.test(e.session_id) ||
        e.event_timestamp !== new Date(e.event_time_ms).toISOString() ||
        !Number.isInteger(e.event_time_ms) ||
        !Number.isInteger(e.arrival_ms) ||
        !['desktop', 'mobile', 'tablet'].includes(e.device_type),
    );
    expect(wrong).toEqual([]);
    expect(new Set(events.map((e) => e.event_type)).size).toBe(6);
  });

  it('numbers events 1…N in event-time order and lists them by arrival, ties by id', () => {
    const ids = byId(events);
    expect(ids.map(idNumber)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    expect(everyPair(ids, (a, b) => a.event_time_ms <= b.event_time_ms)).toBe(true);
    const inArrivalOrder = (a: GeneratedEvent, b: GeneratedEvent): boolean =>
      a.arrival_ms < b.arrival_ms || (a.arrival_ms === b.arrival_ms && idNumber(a) < idNumber(b));
    expect(everyPair(events, inArrivalOrder)).toBe(true);
  });

  it('walks the funnel: a cart add follows a view of that product in the session, a purchase that add', () => {
    const last = new Map<string, GeneratedEvent>();
    for (const e of byId(events)) {
      const before = last.get(e.session_id);
      // A session already running at the start lost its earlier events: check from its second.
      if (before && (e.event_type === 'add_to_cart' || e.event_type === 'purchase')) {
        // Ads may come between the steps; the last site event of the session is the step before.
        expect(before.event_type).toBe(
          e.event_type === 'purchase' ? 'add_to_cart' : 'product_view',
        );
        expect('product_id' in before && before.product_id).toBe(e.product_id);
      }
      if (e.event_type === 'purchase') {
        expect(e.total_amount).toBeCloseTo(e.price * e.quantity, 9);
        expect(e.order_id).toMatch(/^o\d+$/);
      }
      if (e.event_type === 'page_view') {
        expect(e.time_spent).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(e.time_spent)).toBe(true);
      }
      if (e.event_type !== 'impression' && e.event_type !== 'click') last.set(e.session_id, e);
    }
  });

  it('covers [start, start + duration) for a duration, at about the rate', () => {
    const ten = generateClickstream({ startTime: '2024-05-01T10:00:00Z', duration: '10 minutes' });
    const start = Date.UTC(2024, 4, 1, 10);
    expect(ten.every((e) => e.event_time_ms >= start && e.event_time_ms < start + 600_000)).toBe(
      true,
    );
    expect(ten.length).toBeGreaterThan(6000 * 0.85);
    expect(ten.length).toBeLessThan(6000 * 1.15);
  });

  it('makes zero events when asked for none', () => {
    expect(generateClickstream({ events: 0 })).toEqual([]);
  });
});

describe('twoInputs', () => {
  it('splits impressions and clicks, each in arrival order', () => {
    const events = generateClickstream({ events: 3000, ads: { clickThroughRate: 0.5 } });
    const { impressions, clicks } = twoInputs(events);
    expect(impressions.length).toBe(events.filter((e) => e.event_type === 'impression').length);
    expect(clicks.length).toBe(events.filter((e) => e.event_type === 'click').length);
    expect(clicks.length).toBeGreaterThan(0);
    expect(everyPair(impressions, (a, b) => a.arrival_ms <= b.arrival_ms)).toBe(true);
    const shown = new Set(impressions.map((e) => e.impression_id));
    expect(clicks.every((c) => shown.has(c.impression_id))).toBe(true);
  });
});
