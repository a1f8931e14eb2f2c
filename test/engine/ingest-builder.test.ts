// The trace-off paths (compiled input loops, the ring store for sliding counts) mean exactly
// what the driver's general loop (trace on) does: for random tumbling, sliding and session
// queries, with filters and one- or two-field keys, over events whose times include −0, +0,
// fractions, text, NaN and none (spread wide, or clustered so keys share windows), and whose
// keys include objects, both give the same result and the same snapshot after every batch.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compileIngest, ingestSource } from '../../src/engine/ingest-builder';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkEngine } from '../../src/engine/spark';
import { PARAMS } from './properties/harness';

/**
 * More runs than the other properties (each is cheap): at 200 the fast paths' bugs met so far
 * (a double count, a slot moved by the general path) went unseen; at 1,000 and up they show.
 */
const RUNS = { ...PARAMS, numRuns: Math.max(PARAMS.numRuns, 2_000) };

/** Times around `center`: within ±spread ms, sometimes whole seconds, sometimes odd values. */
const timeArb = (center: number, spread: number) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: center - spread, max: center + spread }) },
    { weight: 3, arbitrary: fc.integer({ min: -12, max: 30 }).map((s) => s * 1000) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(-0, 0, 1.5, -0.5, Number.NaN, '5000', '1970-01-01T00:00:07Z'),
    },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  );
const userArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'c', 1, 2, '1', '__proto__') },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, { id: 1 }, ['a']) },
);
const eventArb = (center: number, spread: number) =>
  fc
    .record({
      t: timeArb(center, spread),
      user: userArb,
      dev: fc.constantFrom('x', 'y', undefined),
      kind: fc.constantFrom('view', 'click'),
      amount: fc.integer({ min: -3, max: 9 }),
    })
    .map(({ t, user, dev, kind, amount }) => {
      const e: Record<string, unknown> = { kind, amount };
      if (t !== undefined) e.t = t;
      if (user !== undefined) e.user = user;
      if (dev !== undefined) e.dev = dev;
      return e;
    });

const windowArb = fc.oneof(
  fc.integer({ min: 1, max: 9_000 }).map((gap) => ({ type: 'session', gap })),
  fc
    .record({ size: fc.integer({ min: 1, max: 8 }), offset: fc.integer({ min: 0, max: 999 }) })
    .map(({ size, offset }) => ({
      type: 'tumbling',
      size: size * 1000,
      offset: offset % (size * 1000),
    })),
  fc
    .record({ slide: fc.integer({ min: 1, max: 4 }), extra: fc.integer({ min: 0, max: 5_000 }) })
    .map(({ slide, extra }) => ({
      type: 'sliding',
      size: slide * 1000 + extra,
      slide: slide * 1000,
    })),
);

const queryArb = fc.record({
  window: windowArb,
  groupBy: fc.constantFrom(['user'], ['user', 'dev'], []),
  aggregates: fc.constantFrom(
    [{ fn: 'count', as: 'n' }],
    [
      { fn: 'count', where: { kind: 'click' }, as: 'clicks' },
      { fn: 'sum', field: 'amount', as: 'total' },
    ],
    [
      { fn: 'count', field: 'dev', as: 'with_dev' },
      { fn: 'count', where: { kind: 'view' }, as: 'views' },
    ],
  ),
  filter: fc.constantFrom(null, { kind: 'view' }, { kind: 'click', dev: 'x' }),
  outputMode: fc.constantFrom('update', 'append', 'complete'),
  watermark: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 6_000 })),
});

describe('compiled input loops', () => {
  it('gives the result and state of the general loop, batch by batch', () => {
    fc.assert(
      fc.property(
        queryArb.filter(
          (q) =>
            (q.outputMode !== 'append' || q.watermark !== null) &&
            (q.window.type !== 'session' || (q.outputMode !== 'update' && q.groupBy.length > 0)),
        ),
        fc
          .record({
            center: fc.integer({ min: -5_000, max: 20_000 }),
            spread: fc.constantFrom(1_500, 4_000, 21_000),
          })
          .chain(({ center, spread }) =>
            fc.array(fc.array(eventArb(center, spread), { maxLength: 12 }), { maxLength: 6 }),
          ),
        (raw, batches) => {
          const query = parseQuery(
            {
              time: 't',
              window: raw.window,
              groupBy: raw.groupBy,
              aggregates: raw.aggregates,
              outputMode: raw.outputMode,
              ...(raw.filter === null ? {} : { filter: raw.filter }),
              ...(raw.watermark === null ? {} : { watermark: { delay: raw.watermark } }),
            },
            'spark',
          );
          const compiled = new SparkEngine(query);
          const general = new SparkEngine(query, { trace: true });
          batches.forEach((batch, b) => {
            const at = `batch ${String(b)}`;
            expect(compiled.runBatch(batch).result, at).toEqual(general.runBatch(batch).result);
            expect(JSON.stringify(compiled.snapshot()), at).toBe(
              JSON.stringify(general.snapshot()),
            );
          });
        },
      ),
      RUNS,
    );
  });

  it('counts windows in rings as the general loop does (late, spilled, evicted)', () => {
    // The ring store's queries only: tumbling or sliding, counts only, a watermark that
    // evicts. Short slides and long delays make a key hold more windows than its ring has places.
    const ringQuery = fc.record({
      slide: fc.constantFrom(500, 1_000, 2_000),
      windows: fc.integer({ min: 1, max: 5 }),
      extra: fc.constantFrom(0, 0, 300),
      delay: fc.constantFrom(0, 1_000, 6_000, 20_000),
      outputMode: fc.constantFrom('update', 'append'),
      groupBy: fc.constantFrom(['user'], ['user', 'dev']),
      aggregates: fc.constantFrom(
        [{ fn: 'count', as: 'n' }],
        [
          { fn: 'count', where: { kind: 'click' }, as: 'clicks' },
          { fn: 'count', field: 'dev', as: 'with_dev' },
          { fn: 'count', as: 'n' },
        ],
      ),
    });
    fc.assert(
      fc.property(
        ringQuery,
        fc
          .record({
            center: fc.integer({ min: -5_000, max: 20_000 }),
            spread: fc.constantFrom(1_500, 4_000, 21_000),
          })
          .chain(({ center, spread }) =>
            fc.array(fc.array(eventArb(center, spread), { maxLength: 16 }), { maxLength: 6 }),
          ),
        (q, batches) => {
          const query = parseQuery(
            {
              time: 't',
              window:
                q.windows === 1 && q.extra === 0
                  ? { type: 'tumbling', size: q.slide }
                  : { type: 'sliding', size: q.slide * q.windows + q.extra, slide: q.slide },
              groupBy: q.groupBy,
              aggregates: q.aggregates,
              outputMode: q.outputMode,
              watermark: { delay: q.delay },
            },
            'spark',
          );
          const rings = new SparkEngine(query);
          const general = new SparkEngine(query, { trace: true });
          batches.forEach((batch, b) => {
            const at = `batch ${String(b)}`;
            expect(rings.runBatch(batch).result, at).toEqual(general.runBatch(batch).result);
            expect(JSON.stringify(rings.snapshot()), at).toBe(JSON.stringify(general.snapshot()));
          });
        },
      ),
      RUNS,
    );
  });

  it('quotes field names into the source and passes filter values as data', () => {
    const source = ingestSource({
      timeField: 'a"b',
      filter: [['__proto__', 'x"); throw 1; ("']],
      keyField: 'k\u2028',
    });
    expect(source).toContain('e["a\\"b"]');
    expect(source).toContain('e["__proto__"] ?? null) !== values[0]');
    expect(source).not.toContain('throw 1');
    expect(() =>
      compileIngest({ timeField: 'a"b', filter: [], keyField: 'k\u2028' }),
    ).not.toThrow();
  });

  it('leaves the driver its own loop where the runtime refuses to compile', () => {
    const refuse = vi.spyOn(globalThis, 'Function').mockImplementation(function refused() {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    });
    try {
      // A source no engine compiled before (compiled sources are shared: compile-cache.ts).
      expect(compileIngest({ timeField: 't', filter: [], keyField: 'refused' })).toBeNull();
    } finally {
      refuse.mockRestore();
    }
  });
});
