// Stream-stream joins on random inputs: an inner join outputs exactly the brute-force join of the
// rows that were not late (every pair with equal keys and the time range), in the batch where
// the later row of the pair arrived; any join continues after a snapshot at every cut as if
// never stopped, and tracing does not change the result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/engine/query-parse';
import { SparkJoinEngine } from '../../../src/engine/spark-join';
import type { Event, Row } from '../../../src/engine/types';
import { multiset, PARAMS } from './harness';

interface JoinCase {
  readonly type: 'inner' | 'leftOuter' | 'rightOuter' | 'fullOuter' | 'leftSemi';
  readonly leftDelay: number | null;
  readonly rightDelay: number | null;
  readonly lower: number;
  readonly upper: number;
  readonly policy: 'min' | 'max';
  readonly batches: readonly (readonly Event[])[];
}

const delayArb = fc.constantFrom(null, 0, 1000, 3000, 10_000);

const eventArb = fc.record({
  side: fc.constantFrom('L', 'R'),
  k: fc.constantFrom('a', 'b', 'c'),
  t: fc.oneof(
    fc.integer({ min: 1, max: 40 }).map((s) => s * 1000),
    fc.integer({ min: 1, max: 40_000 }),
  ),
});

function caseArb(types: readonly JoinCase['type'][]): fc.Arbitrary<JoinCase> {
  return fc
    .record({
      type: fc.constantFrom(...types),
      leftDelay: delayArb,
      rightDelay: delayArb,
      lower: fc.constantFrom(-3000, 0, 1000),
      width: fc.constantFrom(0, 2000, 5000, 12_000),
      policy: fc.constantFrom('min' as const, 'max' as const),
      batches: fc.array(fc.array(eventArb, { maxLength: 7 }), { maxLength: 6 }),
    })
    .map((c) => {
      let id = 0;
      const batches = c.batches.map((b) =>
        b.map((e): Event => {
          id++;
          return e.side === 'L'
            ? { $input: 'L', k: e.k, lt: e.t, lid: id }
            : { $input: 'R', rk: e.k, rt: e.t, rid: id };
        }),
      );
      return { ...c, upper: c.lower + c.width, batches };
    })
    .filter((c) => {
      // Outer and semi joins need what Spark asks for (else the engine refuses them).
      if (c.type === 'inner') return true;
      if (c.type === 'rightOuter') return c.leftDelay !== null;
      if (c.type === 'fullOuter') return c.leftDelay !== null || c.rightDelay !== null;
      return c.rightDelay !== null;
    });
}

function engine(c: JoinCase, trace: boolean): SparkJoinEngine {
  const wm = (d: number | null): unknown => (d === null ? null : { delay: d });
  const query = parseQuery(
    {
      inputs: {
        L: { time: 'lt', watermark: wm(c.leftDelay) },
        R: { time: 'rt', watermark: wm(c.rightDelay) },
      },
      watermarkPolicy: c.policy,
      join: {
        left: 'L',
        right: 'R',
        type: c.type,
        on: [['k', 'rk']],
        between: { lower: c.lower, upper: c.upper },
      },
      outputMode: 'append',
    },
    'spark',
  );
  return new SparkJoinEngine(query, { trace });
}

/** The brute-force answer: Spark's watermark bookkeeping for lateness only, then every pair. */
function reference(c: JoinCase): Row[][] {
  const delays = [c.leftDelay, c.rightDelay];
  const inputWm: (number | null)[] = [null, null];
  let g = 0;
  let last = 0;
  const kept: { e: Event; batch: number; left: boolean }[] = [];
  c.batches.forEach((batch, b) => {
    if (batch.length === 0) return;
    const max: (number | null)[] = [null, null];
    for (const e of batch) {
      const left = e.$input === 'L';
      const t = (left ? e.lt : e.rt) as number;
      const i = left ? 0 : 1;
      max[i] = Math.max(max[i] ?? t, t);
      if (delays[i] !== null && t <= last) continue;
      kept.push({ e, batch: b, left });
    }
    last = g;
    const chosen: number[] = [];
    delays.forEach((d, i) => {
      if (d === null) return;
      const m = max[i] ?? null;
      const prev = inputWm[i] ?? null;
      if (m !== null && (prev === null || m - d > prev)) inputWm[i] = m - d;
      else if (prev === null) inputWm[i] = 0;
      chosen.push(inputWm[i] ?? 0);
    });
    const next =
      chosen.length === 0 ? g : c.policy === 'min' ? Math.min(...chosen) : Math.max(...chosen);
    // A no-data batch follows when the state is evicted (both sides have watermarks).
    if (next > g) {
      g = next;
      if (c.leftDelay !== null && c.rightDelay !== null) last = g;
    }
  });
  const out: Row[][] = c.batches.map(() => []);
  for (const l of kept.filter((x) => x.left)) {
    for (const r of kept.filter((x) => !x.left)) {
      const lt = l.e.lt as number;
      const rt = r.e.rt as number;
      if (l.e.k !== r.e.rk || rt < lt + c.lower || rt > lt + c.upper) continue;
      const { $input: _l, ...lf } = l.e;
      const { $input: _r, ...rf } = r.e;
      out[Math.max(l.batch, r.batch)]?.push({ ...lf, ...rf });
    }
  }
  return out;
}

describe('stream-stream join properties', () => {
  it('inner join = the brute-force join of the rows that were not late', () => {
    fc.assert(
      fc.property(caseArb(['inner']), (c) => {
        const e = engine(c, false);
        const want = reference(c);
        c.batches.forEach((batch, b) => {
          expect(multiset(e.runBatch(batch).result.rows), `batch ${String(b)}`).toEqual(
            multiset(want[b] ?? []),
          );
        });
      }),
      PARAMS,
    );
  });

  it('continues after a JSON snapshot at every cut as if never stopped; tracing changes nothing', () => {
    fc.assert(
      fc.property(caseArb(['inner', 'leftOuter', 'rightOuter', 'fullOuter', 'leftSemi']), (c) => {
        const straightEngine = engine(c, true);
        const straight = c.batches.map((b) => straightEngine.runBatch(b));
        const plain = engine(c, false);
        c.batches.forEach((b, i) => {
          expect(plain.runBatch(b).result).toEqual(straight[i]?.result);
        });
        for (let k = 0; k <= c.batches.length; k++) {
          const first = engine(c, true);
          c.batches.slice(0, k).forEach((b) => first.runBatch(b));
          const text = JSON.stringify(first.snapshot());
          const restored = engine(c, true);
          restored.restore(JSON.parse(text));
          expect(JSON.stringify(restored.snapshot())).toBe(text);
          c.batches.slice(k).forEach((b, i) => {
            expect(restored.runBatch(b), `cut ${String(k)}, batch ${String(k + i)}`).toEqual(
              straight[k + i],
            );
          });
        }
      }),
      PARAMS,
    );
  });
});
