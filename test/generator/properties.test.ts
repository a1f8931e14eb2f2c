// Properties on random settings (fast-check): whatever the settings, the stream is in arrival
// order, arrivals never precede event times, ids follow event time, sessions and clicks keep
// their rules, and a shorter stream is the same stream cut earlier.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateClickstream,
  maxEventRate,
  normaliseGeneratorSettings,
  type ArrivalModelInput,
  type GeneratedEvent,
  type GeneratorSettingsInput,
} from '../../src/generator';
import { at, byId, everyPair, groupBy, idNumber, widestStep } from './helpers';

const arrival: fc.Arbitrary<ArrivalModelInput> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({
    kind: fc.constant('uniform' as const),
    maxDelay: fc.integer({ min: 0, max: 60_000 }),
  }),
  fc.record({
    kind: fc.constant('exponential' as const),
    meanDelay: fc.integer({ min: 0, max: 30_000 }),
  }),
  fc
    .record({
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      baseDelay: fc.integer({ min: 0, max: 2000 }),
      extra: fc.integer({ min: 1, max: 60_000 }),
    })
    .map(({ fraction, baseDelay, extra }) => ({
      kind: 'stragglers' as const,
      fraction,
      baseDelay,
      maxDelay: baseDelay + extra,
    })),
);

const anySettings = fc.record({
  seed: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })),
  startTime: fc.integer({ min: -1e12, max: 4e12 }),
  events: fc.integer({ min: 0, max: 300 }),
  /** The rate as a share of what the users can make (maxEventRate). */
  load: fc.double({ min: 0.01, max: 1, noNaN: true }),
  users: fc.integer({ min: 1, max: 40 }),
  zipfExponent: fc.double({ min: 0, max: 3, noNaN: true }),
  sessionGap: fc.integer({ min: 10, max: 120_000 }),
  thinkTime: fc.integer({ min: 1, max: 60_000 }),
  pagesPerSession: fc.double({ min: 1, max: 8, noNaN: true }),
  funnel: fc.record({
    productView: fc.double({ min: 0, max: 1, noNaN: true }),
    addToCart: fc.double({ min: 0, max: 1, noNaN: true }),
    purchase: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  ads: fc.record({
    impressionShare: fc.double({ min: 0, max: 0.45, noNaN: true }),
    clickThroughRate: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  arrival,
});

const settings: fc.Arbitrary<GeneratorSettingsInput> = anySettings.map(({ load, ...s }) => {
  const result = normaliseGeneratorSettings({ ...s, rate: 0.001 });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const rate = Math.min(1_000_000, Math.max(0.001, load * maxEventRate(result.settings)));
  return { ...s, rate };
});

const inArrivalOrder = (a: GeneratedEvent, b: GeneratedEvent): boolean =>
  a.arrival_ms < b.arrival_ms || (a.arrival_ms === b.arrival_ms && idNumber(a) < idNumber(b));

describe('generator properties', () => {
  it('arrival ≥ event time, sorted by arrival then id, ids 1…N in event-time order', () => {
    fc.assert(
      fc.property(settings, (s) => {
        const events = generateClickstream(s);
        expect(events.length).toBe(s.events);
        expect(events.every((e) => e.arrival_ms >= e.event_time_ms)).toBe(true);
        expect(everyPair(events, inArrivalOrder)).toBe(true);
        const ids = byId(events);
        expect(ids.every((e, i) => idNumber(e) === i + 1)).toBe(true);
        expect(everyPair(ids, (a, b) => a.event_time_ms <= b.event_time_ms)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('is deterministic, and the first N events are those of a longer stream', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 200 }), (s, more) => {
        const short = JSON.stringify(byId(generateClickstream(s)));
        expect(JSON.stringify(byId(generateClickstream(s)))).toBe(short);
        const long = byId(generateClickstream({ ...s, events: (s.events ?? 0) + more }));
        expect(JSON.stringify(long.slice(0, s.events))).toBe(short);
      }),
      { numRuns: 40 },
    );
  });

  it('cuts a longer duration into a shorter one: same events up to the earlier end', () => {
    fc.assert(
      fc.property(
        settings,
        fc.integer({ min: 1, max: 120_000 }),
        fc.integer({ min: 1, max: 120_000 }),
        (s, shortMs, moreMs) => {
          const base = { ...s, events: undefined, rate: Math.min(s.rate ?? 1, 50) };
          const start = typeof s.startTime === 'number' ? s.startTime : 0;
          const short = byId(generateClickstream({ ...base, duration: shortMs }));
          const long = byId(generateClickstream({ ...base, duration: shortMs + moreMs }));
          expect(short).toEqual(long.filter((e) => e.event_time_ms < start + shortMs));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps sessions within the gap and apart by more, clicks after their impressions', () => {
    fc.assert(
      fc.property(settings, (s) => {
        const gap = s.sessionGap as number;
        const events = byId(generateClickstream(s));
        const spans: { user: string; first: number; last: number }[] = [];
        for (const list of groupBy(events, (e) => e.session_id).values()) {
          expect(widestStep(list, (e) => e.event_time_ms)).toBeLessThan(gap);
          const first = at(list, 0);
          spans.push({
            user: first.user_id,
            first: first.event_time_ms,
            last: at(list, -1).event_time_ms,
          });
        }
        for (const list of groupBy(spans, (x) => x.user).values()) {
          list.sort((a, b) => a.first - b.first);
          expect(everyPair(list, (a, b) => b.first - a.last > gap)).toBe(true);
        }
        const shown = new Map<string, GeneratedEvent>();
        for (const e of events) {
          if (e.event_type === 'impression') shown.set(e.impression_id, e);
          if (e.event_type === 'click') {
            const impression = shown.get(e.impression_id);
            expect(impression?.user_id).toBe(e.user_id);
            expect(impression?.event_time_ms).toBeLessThan(e.event_time_ms);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
