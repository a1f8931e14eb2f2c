// Per-key state properties: running_total equals a brute-force running sum per key, and a
// snapshot taken after any batch, sent through JSON and restored, continues as the straight run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/engine/query-parse';
import { SparkStateEngine } from '../../../src/engine/spark-state';
import type { Event, Row } from '../../../src/engine/types';
import { multiset, PARAMS } from './harness';

const eventArb = fc.record({
  k: fc.constantFrom('a', 'b', 'c', 'd'),
  ts: fc.integer({ min: 1, max: 120_000 }),
  amount: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constant(null)),
});
const batchesArb = fc.array(fc.array(eventArb, { maxLength: 6 }), { maxLength: 8 });

/** The expected rows: for each key with input in a batch, the sum of its amounts so far. */
function reference(batches: readonly (readonly Event[])[]): Row[][] {
  const totals = new Map<unknown, number>();
  return batches.map((batch) => {
    const keys: unknown[] = [];
    for (const e of batch) {
      if (!keys.includes(e.k)) keys.push(e.k);
      const x = typeof e.amount === 'number' ? e.amount : 0;
      totals.set(e.k, (totals.get(e.k) ?? 0) + x);
    }
    return keys.map((k) => ({ k, total: totals.get(k) }));
  });
}

function engineFor(timeout: unknown, delay: string | null, noData = true): SparkStateEngine {
  const q = parseQuery(
    {
      time: 'ts',
      groupBy: ['k'],
      stateful: { function: 'running_total', field: 'amount', timeout },
      watermark: delay === null ? null : { delay },
      outputMode: 'update',
      noDataMicroBatches: noData,
    },
    'spark',
  );
  return new SparkStateEngine(q, { trace: true });
}

describe('running_total', () => {
  it('equals a brute-force running sum per key', () => {
    fc.assert(
      fc.property(batchesArb, (batches) => {
        const engine = engineFor(undefined, null);
        const want = reference(batches);
        batches.forEach((b, i) => {
          const out = engine.runBatch(b).result;
          expect(multiset(out.rows)).toEqual(multiset(want[i] ?? []));
          expect(out.dropped).toBe(0);
        });
      }),
      PARAMS,
    );
  });

  it('restored at every cut, continues exactly as the uninterrupted run', () => {
    const timeoutArb = fc.constantFrom(
      { kind: 'processing', duration: '15 seconds' },
      { kind: 'event', duration: '10 seconds' },
      { kind: 'none' },
    );
    fc.assert(
      fc.property(batchesArb, timeoutArb, fc.boolean(), (batches, timeout, noData) => {
        const gaps = batches.map((_, i) => i * 7_000);
        const make = (): SparkStateEngine => engineFor(timeout, '5 seconds', noData);
        const straight = make();
        const outs = batches.map((b, i) => straight.runBatch(b, gaps[i]));
        for (let cut = 0; cut <= batches.length; cut++) {
          const first = make();
          batches.slice(0, cut).forEach((b, i) => first.runBatch(b, gaps[i]));
          const second = make();
          second.restore(JSON.parse(JSON.stringify(first.snapshot())));
          batches.slice(cut).forEach((b, i) => {
            expect(second.runBatch(b, gaps[cut + i])).toEqual(outs[cut + i]);
          });
        }
      }),
      { ...PARAMS, numRuns: Math.min(PARAMS.numRuns, 100) },
    );
  });
});
