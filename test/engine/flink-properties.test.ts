// Flink mode against a brute-force reference on random streams: with $end, the last firing of
// every window holds the aggregate of exactly the records that were not late for it; and a
// snapshot taken anywhere, restored, continues exactly as the straight run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlinkEngine } from '../../src/engine/flink';
import { parseQuery } from '../../src/engine/query-parse';
import type { Event, Row } from '../../src/engine/types';

const PARAMS = {
  numRuns: Number(process.env.PROPERTY_RUNS ?? 200),
  seed: Number(process.env.PROPERTY_SEED ?? 424_242),
};

interface Case {
  readonly sizeMs: number;
  readonly slideMs: number;
  readonly offsetMs: number;
  readonly latenessMs: number;
  readonly delayMs: number | null;
  /** Events ({ts, k, v}) and watermark markers, then $end. */
  readonly stream: Event[];
}

const element: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      ts: fc.integer({ min: -20, max: 40 }).map((s) => s * 500),
      k: fc.constantFrom('a', 'b'),
      v: fc.integer({ min: -5, max: 9 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -20, max: 40 }).map((s): Event => ({ $watermark: s * 500 - 1 })),
  },
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    slideS: fc.integer({ min: 1, max: 6 }),
    factor: fc.integer({ min: 1, max: 3 }),
    extraMs: fc.constantFrom(0, 0, 500),
    offsetS: fc.integer({ min: -5, max: 5 }),
    latenessMs: fc.constantFrom(0, 0, 1000, 5000),
    delayMs: fc.constantFrom(null, 0, 2000),
    events: fc.array(element, { maxLength: 25 }),
  })
  .map(({ slideS, factor, extraMs, offsetS, latenessMs, delayMs, events }) => {
    const slideMs = slideS * 1000;
    const sizeMs = slideMs * factor + extraMs;
    const offsetMs = Math.abs(offsetS * 1000) < slideMs ? offsetS * 1000 : 0;
    return { sizeMs, slideMs, offsetMs, latenessMs, delayMs, stream: [...events, { $end: true }] };
  });

const queryOf = (c: Case): unknown => ({
  time: 'ts',
  window:
    c.sizeMs === c.slideMs
      ? { type: 'tumbling', size: c.sizeMs, offset: c.offsetMs }
      : { type: 'sliding', size: c.sizeMs, slide: c.slideMs, offset: c.offsetMs },
  groupBy: ['k'],
  aggregates: [
    { fn: 'count', as: 'n' },
    { fn: 'sum', field: 'v', as: 'total' },
    { fn: 'max', field: 'v', as: 'top' },
  ],
  watermark: c.delayMs === null ? null : { delay: c.delayMs },
  allowedLateness: c.latenessMs,
});

function run(
  c: Case,
  engine = new FlinkEngine(parseQuery(queryOf(c), 'flink')),
  from = 0,
): { after: number; row: Row }[] {
  const out: { after: number; row: Row }[] = [];
  c.stream.slice(from).forEach((e, i) => {
    for (const row of engine.process(e).emissions) out.push({ after: from + i, row });
  });
  return out;
}

/** The reference: which records each window takes, judged by the watermark at their arrival. */
function reference(c: Case): Map<string, Event[]> {
  let watermark = -Infinity;
  let max = -Infinity;
  const taken = new Map<string, Event[]>();
  for (const e of c.stream) {
    if ('$watermark' in e) {
      watermark = Math.max(watermark, e.$watermark as number);
      continue;
    }
    if ('$end' in e) continue;
    const ts = e.ts as number;
    // Every window [s, s + size) with s ≡ offset (mod slide) that contains ts, by scanning.
    for (let s = ts - c.sizeMs - c.slideMs * 2; s <= ts; s++) {
      if (
        (((s - c.offsetMs) % c.slideMs) + c.slideMs) % c.slideMs !== 0 ||
        !(s <= ts && ts < s + c.sizeMs)
      )
        continue;
      if (s + c.sizeMs - 1 + c.latenessMs <= watermark) continue;
      const id = `${String(e.k)}|${String(s)}`;
      taken.set(id, [...(taken.get(id) ?? []), e]);
    }
    max = Math.max(max, ts);
    if (c.delayMs !== null) watermark = Math.max(watermark, max - c.delayMs - 1);
  }
  return taken;
}

describe('Flink mode properties', () => {
  it('with $end, the last firing of each window is the aggregate of the records not late for it', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const last = new Map<string, Row>();
        for (const { row } of run(c)) last.set(`${String(row.k)}|${String(row.window_start)}`, row);
        const expected = new Map<string, Row>();
        for (const [id, events] of reference(c)) {
          const [k, start] = id.split('|');
          const values = events.map((e) => e.v as number);
          expected.set(id, {
            window_start: Number(start),
            window_end: Number(start) + c.sizeMs,
            k,
            n: events.length,
            total: values.reduce((a, b) => a + b, 0),
            top: Math.max(...values),
          });
        }
        expect(last).toEqual(expected);
      }),
      PARAMS,
    );
  });

  it('restoring a snapshot at any element continues as the straight run', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, at) => {
        const cut = at % (c.stream.length + 1);
        const straight = run(c);
        const first = new FlinkEngine(parseQuery(queryOf(c), 'flink'));
        c.stream.slice(0, cut).forEach((e) => first.process(e));
        const second = new FlinkEngine(parseQuery(queryOf(c), 'flink'));
        second.restore(JSON.parse(JSON.stringify(first.snapshot())));
        expect(run(c, second, cut)).toEqual(straight.filter((x) => x.after >= cut));
      }),
      PARAMS,
    );
  });

  it('restores sessions mid-stream exactly too', () => {
    const sessions = (lateness: number): unknown => ({
      time: 'ts',
      window: { type: 'session', gap: 3000 },
      groupBy: ['k'],
      aggregates: [{ fn: 'count', as: 'n' }],
      allowedLateness: lateness,
    });
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, at) => {
        const cut = at % (c.stream.length + 1);
        const make = (): FlinkEngine =>
          new FlinkEngine(parseQuery(sessions(c.latenessMs), 'flink'));
        const straight = run(c, make());
        const first = make();
        c.stream.slice(0, cut).forEach((e) => first.process(e));
        const second = make();
        second.restore(JSON.parse(JSON.stringify(first.snapshot())));
        expect(run(c, second, cut)).toEqual(straight.filter((x) => x.after >= cut));
      }),
      PARAMS,
    );
  });
});
