// Random Flink queries and element streams for the trace-off property
// (test/engine/flink-trace-off.test.ts): tumbling, sliding and session windows, mostly a plain
// count(*) (the trace-off count store's case) but also what it leaves to the operator, and
// streams that move a center forward with disorder, markers, odd times and `$end`.
import fc from 'fast-check';
import type { Event } from '../../../src/engine/types';
import { PARAMS } from './harness';
/** Each run is cheap, and fast-path bugs hide in rare orders: at least 1,000 runs. */
export const RUNS = { ...PARAMS, numRuns: Math.max(PARAMS.numRuns, 1_000) };

/** An absent field (the record arbitraries leave it out). */
const MISSING = undefined;

const windowArb = fc.oneof(
  fc
    .record({
      size: fc.integer({ min: 1, max: 8 }),
      // Often none, so the streams' whole seconds are windows' edges.
      offset: fc.oneof(fc.constant(0), fc.nat()),
      negative: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ size, offset, negative }) => {
      const sizeMs = size * 1000;
      const offsetMs = offset % sizeMs;
      return { type: 'tumbling', size: sizeMs, offset: negative === 0 ? -offsetMs : offsetMs };
    }),
  fc
    .record({
      slide: fc.integer({ min: 1, max: 4 }),
      // Size: a multiple of the slide (1: as tumbling), a multiple plus a part, or shorter.
      multiple: fc.integer({ min: 1, max: 6 }),
      part: fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 999 }) },
        { weight: 1, arbitrary: fc.integer({ min: -999, max: -1 }) },
      ),
      offset: fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: -3_999, max: 3_999 }) },
      ),
    })
    .map(({ slide, multiple, part, offset }) => {
      const slideMs = slide * 1000;
      return {
        type: 'sliding',
        size: slideMs * multiple + part,
        slide: slideMs,
        offset: offset % slideMs,
      };
    }),
  // Sessions with a fixed gap: the trace-off count store's other case.
  fc
    .oneof(
      fc.integer({ min: 1, max: 5 }).map((s) => s * 1000),
      fc.integer({ min: 1, max: 6_000 }),
    )
    .map((gap) => ({ type: 'session', gap })),
);

const PLAIN_COUNT = [{ fn: 'count', as: 'count' }];

export const queryArb = fc
  .record({
    window: windowArb,
    groupBy: fc.constantFrom(['user'], ['user', 'dev'], []),
    aggregates: fc.oneof(
      { weight: 8, arbitrary: fc.constant(PLAIN_COUNT) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          [{ fn: 'count', as: 'n' }],
          [{ fn: 'count', where: { kind: 'click' }, as: 'count' }],
          [{ fn: 'count', field: 'dev', as: 'count' }],
          [{ fn: 'sum', field: 'amount', as: 'total' }],
          [
            { fn: 'count', as: 'count' },
            { fn: 'sum', field: 'amount', as: 'total' },
          ],
        ),
      },
    ),
    filter: fc.oneof(
      { weight: 5, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom({ kind: 'click' }, { dev: 'x' }) },
    ),
    delay: fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.constantFrom(0, 1_000, 2_000) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 5_000 }) },
    ),
    lateness: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.constantFrom(1_000, 2_000, 3_000) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
    ),
    trigger: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom('default', 'purging') },
    ),
    lateOutput: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(true, false) },
    ),
  })
  .map((q) => ({
    time: 't',
    window: q.window,
    groupBy: q.groupBy,
    aggregates: q.aggregates,
    ...(q.filter === null ? {} : { filter: q.filter }),
    ...(q.delay === null ? {} : { watermark: { delay: q.delay } }),
    ...(q.lateness === 0 ? {} : { allowedLateness: q.lateness }),
    ...(q.trigger === null ? {} : { trigger: q.trigger }),
    ...(q.lateOutput === null ? {} : { lateOutput: q.lateOutput }),
  }));

/** One step of a stream: how far the center moves, then what arrives there. */
const stepArb = fc.record({
  move: fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 1_500 }) },
    // A jump: every window fires and keys leave the state (to come back later).
    { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 30_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: -8_000, max: -1 }) },
  ),
  element: fc.oneof(
    { weight: 160, arbitrary: fc.constant('event' as const) },
    { weight: 20, arbitrary: fc.constant('watermark' as const) },
    // Now and then an $end inside the stream: the elements after it are all late.
    { weight: 1, arbitrary: fc.constant('end' as const) },
  ),
  time: fc.oneof(
    // Mostly near the center, a little out of order; sometimes far behind.
    { weight: 14, arbitrary: fc.integer({ min: -3_000, max: 800 }).map((near) => ({ near })) },
    { weight: 1, arbitrary: fc.integer({ min: -15_000, max: -3_001 }).map((near) => ({ near })) },
    // At the whole second nearest the center (a window's edge), or just before or after.
    { weight: 5, arbitrary: fc.integer({ min: -1, max: 1 }).map((edge) => ({ edge })) },
    // Odd times: the trace-off fast path leaves for good at the first it cannot take.
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          -0,
          0,
          1.5,
          -0.5,
          -2_500,
          Number.NaN,
          '5000',
          '1970-01-01T00:00:07Z',
          null,
          MISSING,
        )
        .map((raw) => ({ raw })),
    },
  ),
  /** Percentile: the odd time is kept when below the stream's share of odd times. */
  roll: fc.integer({ min: 0, max: 99 }),
  user: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'e') },
    { weight: 1, arbitrary: fc.constantFrom(1, 2, 0, -0, null, MISSING, { id: 1 }) },
    // Text that a property table could confuse with the values above (key-table.ts).
    { weight: 1, arbitrary: fc.constantFrom('1', '0', 'null', '__proto__') },
  ),
  dev: fc.constantFrom('x', 'y', MISSING),
  kind: fc.constantFrom('view', 'click'),
  amount: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -3, max: 9 }) },
    { weight: 1, arbitrary: fc.constantFrom(0.5, -0) },
  ),
  // A watermark marker's value from the center (sometimes behind the current watermark), or
  // text, or nothing readable.
  mark: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -6_000, max: 1_000 }) },
    // Just before the whole second nearest the center: a window's last instant.
    { weight: 3, arbitrary: fc.constant('edge') },
    { weight: 1, arbitrary: fc.constantFrom('text', 'junk', Number.POSITIVE_INFINITY, null) },
  ),
});

type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

function element(s: Step, center: number, oddPercent: number): Event {
  if (s.element === 'end') return { $end: true };
  const edge = Math.round(center / 1000) * 1000;
  if (s.element === 'watermark') {
    if (typeof s.mark === 'number' && Number.isFinite(s.mark))
      return { $watermark: center + s.mark };
    if (s.mark === 'edge') return { $watermark: edge - 1 };
    if (s.mark === 'text') return { $watermark: String(center - 1_000) };
    return { $watermark: s.mark === 'junk' ? 'soon' : s.mark };
  }
  const time = s.time;
  const t =
    'near' in time
      ? center + time.near
      : 'edge' in time
        ? edge + time.edge
        : s.roll < oddPercent
          ? time.raw
          : center;
  const e: Record<string, unknown> = { kind: s.kind, amount: s.amount };
  if (t !== MISSING) e.t = t;
  if (s.user !== MISSING) e.user = s.user;
  if (s.dev !== MISSING) e.dev = s.dev;
  return e;
}

export const streamArb = fc
  .record({
    start: fc.integer({ min: -10_000, max: 20_000 }),
    steps: fc.array(stepArb, { maxLength: 80, size: 'max' }),
    end: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
    // How many odd times stay odd: none (the fast path's whole run), some (it leaves at a
    // random point, state and all), all (it leaves early).
    oddPercent: fc.constantFrom(0, 20, 100),
  })
  .map(({ start, steps, end, oddPercent }) => {
    let center = start;
    const stream = steps.map((s) => element(s, (center += s.move), oddPercent));
    return end ? [...stream, { $end: true }] : stream;
  });
