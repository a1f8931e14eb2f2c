// Random queries and inputs for the property tests: small (0–6 batches of 0–8 events), with
// times in −30 s..+60 s so window bounds, negative times and the watermark's start at 0 are hit.
import fc from 'fast-check';
import type { Event } from '../../../src/engine/types';
import type { Case } from './harness';
import {
  TIME,
  type AggName,
  type GapChoice,
  type OutputMode,
  type Spec,
  type WindowChoice,
} from './reference';

export type WindowType = WindowChoice['type'] | 'raw-time';

/** Whole seconds mostly (so events land on window bounds), sometimes any millisecond. */
const msOrSeconds = (minS: number, maxS: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: minS, max: maxS }).map((s) => s * 1000) },
    { weight: 1, arbitrary: fc.integer({ min: minS * 1000, max: maxS * 1000 }) },
  );

/** |offset| < slide, often 0. */
const offsetArb = (slideMs: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constant(0),
    fc
      .integer({ min: -Math.floor((slideMs - 1) / 1000), max: Math.floor((slideMs - 1) / 1000) })
      .map((s) => s * 1000 + 0),
    fc.integer({ min: -(slideMs - 1), max: slideMs - 1 }),
  );

const tumblingArb: fc.Arbitrary<WindowChoice> = msOrSeconds(1, 12)
  .filter((ms) => ms > 0)
  .chain((sizeMs) =>
    offsetArb(sizeMs).map((offsetMs) => ({ type: 'tumbling' as const, sizeMs, offsetMs })),
  );

/** Size a multiple of the slide, or not. */
const slidingArb: fc.Arbitrary<WindowChoice> = msOrSeconds(1, 6)
  .filter((ms) => ms > 0)
  .chain((slideMs) =>
    fc
      .tuple(
        fc.oneof(
          fc.integer({ min: 1, max: 4 }).map((k) => k * slideMs),
          fc.integer({ min: 1, max: 2 * slideMs }).map((extra) => slideMs + extra),
        ),
        offsetArb(slideMs),
      )
      .map(([sizeMs, offsetMs]) => ({ type: 'sliding' as const, sizeMs, slideMs, offsetMs })),
  );

const gapArb: fc.Arbitrary<GapChoice> = fc.oneof(
  {
    weight: 4,
    arbitrary: msOrSeconds(1, 15)
      .filter((ms) => ms > 0)
      .map((ms) => ({ kind: 'fixed' as const, ms })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'field' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(msOrSeconds(0, 12), msOrSeconds(0, 12), fc.option(msOrSeconds(1, 12)))
      .map(([x, y, defaultMs]) => ({ kind: 'map' as const, map: { x, y }, defaultMs })),
  },
);

const sessionArb: fc.Arbitrary<WindowChoice> = gapArb.map((gap) => ({
  type: 'session' as const,
  gap,
}));

const windowArb = (type: WindowType): fc.Arbitrary<WindowChoice> => {
  switch (type) {
    case 'tumbling':
      return tumblingArb;
    case 'sliding':
      return slidingArb;
    case 'session':
      return sessionArb;
    case 'none':
    case 'raw-time':
      return fc.constant({ type: 'none' as const });
  }
};

const groupByArb = (type: WindowType): fc.Arbitrary<string[]> => {
  if (type === 'raw-time')
    return fc.constantFrom([TIME], ['user', TIME], [TIME, 'user'], ['dev', TIME, 'user']);
  if (type === 'session') return fc.constantFrom(['user'], ['user', 'dev']);
  return fc.constantFrom([], ['user'], ['user'], ['user', 'dev']);
};

const aggregatesArb: fc.Arbitrary<AggName[]> = fc.subarray<AggName>(
  ['count', 'count_amount', 'count_x', 'sum', 'min', 'max', 'avg'],
  {
    minLength: 1,
  },
);

export interface SpecOptions {
  readonly modes: readonly OutputMode[];
  readonly windows: readonly WindowType[];
  readonly watermark: 'always' | 'never' | 'maybe';
  /** Put count(*) (column `n`) first among the aggregates. */
  readonly withCount?: boolean;
  /** Whether no-data batches may be turned off (they are on by default). */
  readonly noDataOff?: 'never' | 'maybe';
}

/** Queries Spark accepts: no append without a watermark, no update with sessions. */
export function specArb(options: SpecOptions): fc.Arbitrary<Spec> {
  const delay = msOrSeconds(0, 15);
  return fc
    .record({
      mode: fc.constantFrom(...options.modes),
      type: fc.constantFrom(...options.windows),
      hasWatermark:
        options.watermark === 'maybe' ? fc.boolean() : fc.constant(options.watermark === 'always'),
    })
    .filter(({ mode, type, hasWatermark }) => {
      if (mode === 'update' && type === 'session') return false;
      if (mode === 'append' && !(hasWatermark && type !== 'none')) return false;
      return true;
    })
    .chain(({ mode, type, hasWatermark }) =>
      fc
        .record({
          window: windowArb(type),
          groupBy: groupByArb(type),
          aggregates: aggregatesArb.map((a) =>
            options.withCount === true ? ['count' as const, ...a.filter((x) => x !== 'count')] : a,
          ),
          delayMs: hasWatermark ? delay : fc.constant(null),
          mode: fc.constant(mode),
          filterX: fc.oneof(
            { weight: 5, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) },
          ),
          share: fc.boolean(),
          noDataMicroBatches: options.noDataOff === 'maybe' ? fc.boolean() : fc.constant(true),
        })
        .map((spec) => ({
          ...spec,
          share:
            spec.share &&
            spec.aggregates.includes('count_x') &&
            spec.aggregates.includes('count_amount'),
        })),
    );
}

/** Every query shape Spark accepts, in every mode. */
export const anySpec = (withCount = false): fc.Arbitrary<Spec> =>
  specArb({
    modes: ['append', 'update', 'complete'],
    windows: ['tumbling', 'sliding', 'session', 'none', 'raw-time'],
    watermark: 'maybe',
    withCount,
    noDataOff: 'maybe',
  });

/** Where a case's event times fall, in whole seconds: within −30 s..+60 s, sometimes narrowly. */
interface TimeRange {
  readonly fromS: number;
  readonly toS: number;
  /** Added to every time: 0 mostly, sometimes a 2023 instant (aligned to the hour, or not). */
  readonly baseMs: number;
}

const timeRangeArb: fc.Arbitrary<TimeRange> = fc
  .tuple(
    fc.oneof(
      fc.constant({ fromS: -30, toS: 60 }),
      fc
        .tuple(fc.integer({ min: -30, max: 55 }), fc.integer({ min: 3, max: 40 }))
        .map(([fromS, span]) => ({ fromS, toS: Math.min(60, fromS + span) })),
    ),
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.constantFrom(1_690_711_200_000, 1_690_711_234_567) },
    ),
  )
  .map(([range, baseMs]) => ({ ...range, baseMs }));

/** How a case writes event times: epoch ms, or ISO-8601 in UTC or with a +01:00 offset. */
type TimeFormat = 'ms' | 'iso' | 'iso+01:00';

function formatTime(ms: number, format: TimeFormat): number | string {
  if (format === 'ms') return ms;
  const iso = new Date(ms).toISOString();
  if (format === 'iso') return iso;
  return `${new Date(ms + 3_600_000).toISOString().slice(0, -1)}+01:00`;
}

/** Values of the grouping fields `user` and `dev` (undefined: the field is missing). */
interface KeyPools {
  readonly users: readonly unknown[];
  readonly devs: readonly unknown[];
}

/** Typed columns as Spark has them: 1–3 string or number users, dev 'x', 'y' or missing. */
const plainKeys: fc.Arbitrary<KeyPools> = fc
  .constantFrom<unknown[]>(['a'], ['a', 'b'], ['a', 'b', 'c'], [1, 2], [1, 2, 3])
  .map((users) => ({ users, devs: ['x', 'y', undefined] }));

/**
 * Strings that a key encoding could confuse: "null" beside a missing (null) value, and NUL
 * characters that look like a separator between the fields of a composite key.
 */
const trickyKeys: fc.Arbitrary<KeyPools> = fc.constant({
  users: ['a', 'null', 'a\u0000sx', undefined],
  devs: ['x', 'y', 'x\u0000sy', 'null', undefined],
});

/** One input event: 1–3 users, an amount that is sometimes missing, rarely no time at all. */
function eventArb(
  spec: Spec,
  keys: KeyPools,
  format: TimeFormat,
  range: TimeRange,
): fc.Arbitrary<Event> {
  const mayLackTime = !spec.groupBy.includes(TIME);
  const time = msOrSeconds(range.fromS, range.toS).map((ms) => ms + range.baseMs);
  const gapField = spec.window.type === 'session' && spec.window.gap.kind === 'field';
  return fc
    .record({
      t: mayLackTime
        ? fc.oneof(
            { weight: 15, arbitrary: time },
            { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
          )
        : time,
      user: fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...keys.users) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      dev: fc.constantFrom(...keys.devs),
      amount: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: -5, max: 20 }) },
        { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
      ),
      gapMs: gapField
        ? fc.oneof(
            { weight: 6, arbitrary: msOrSeconds(1, 12) },
            { weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, -1000) },
          )
        : fc.constant(undefined),
    })
    .map(({ t, user, dev, amount, gapMs }) => {
      const e: Record<string, unknown> = {};
      if (t !== undefined) e[TIME] = t === null ? null : formatTime(t, format);
      if (gapMs !== undefined) e.gap_ms = gapMs;
      if (user !== undefined) e.user = user;
      if (dev !== undefined) e.dev = dev;
      if (amount !== undefined) e.amount = amount;
      return Object.freeze(e);
    });
}

export interface CaseOptions {
  readonly maxBatches?: number;
  /** 'tricky': key values an encoding could confuse (see trickyKeys). */
  readonly keys?: 'plain' | 'tricky';
}

/** A query and 0–6 batches of 0–8 events. */
export function caseArb(specs: fc.Arbitrary<Spec>, options: CaseOptions = {}): fc.Arbitrary<Case> {
  const maxBatches = options.maxBatches ?? 6;
  return specs.chain((spec) =>
    fc
      .record({
        keys: options.keys === 'tricky' ? trickyKeys : plainKeys,
        format: spec.groupBy.includes(TIME)
          ? fc.constant<TimeFormat>('ms')
          : fc.oneof(
              { weight: 8, arbitrary: fc.constant<TimeFormat>('ms') },
              { weight: 1, arbitrary: fc.constantFrom<TimeFormat>('iso', 'iso+01:00') },
            ),
        durationsAsText: fc.boolean(),
        range: timeRangeArb,
      })
      .chain(({ keys, format, durationsAsText, range }) =>
        fc
          .oneof(
            { weight: 1, arbitrary: fc.constant([]) },
            {
              weight: 12,
              arbitrary: fc.array(
                fc.array(eventArb(spec, keys, format, range), { maxLength: 8, size: 'max' }),
                {
                  minLength: 1,
                  maxLength: maxBatches,
                  size: 'max',
                },
              ),
            },
          )
          .map((batches) => ({ spec, durationsAsText, batches })),
      ),
  );
}
