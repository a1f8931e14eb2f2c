// Properties 4 and 5: the engine is deterministic (same query and input, same bytes out, with or
// without the trace), and a snapshot taken after any batch, sent through JSON and restored into
// a fresh engine, continues exactly as the uninterrupted run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SparkSnapshot } from '../../../src/engine/spark';
import { anySpec, caseArb } from './arbitraries';
import { newEngine, PARAMS, runEngine, type Case } from './harness';

describe('determinism', () => {
  it('gives identical JSON for the same query and input, rows in the same order', () => {
    fc.assert(
      fc.property(caseArb(anySpec()), (c) => {
        expect(JSON.stringify(runEngine(c, true))).toBe(JSON.stringify(runEngine(c, true)));
        const plain = runEngine(c, false);
        expect(JSON.stringify(plain)).toBe(JSON.stringify(runEngine(c, false)));
        // Tracing observes; it does not change the result.
        expect(JSON.stringify(plain.map((o) => o.result))).toBe(
          JSON.stringify(runEngine(c, true).map((o) => o.result)),
        );
      }),
      PARAMS,
    );
  });
});

function checkCuts(c: Case): void {
  const straight = runEngine(c, true);
  for (let k = 0; k <= c.batches.length; k++) {
    const first = newEngine(c, true);
    c.batches.slice(0, k).forEach((batch) => first.runBatch(batch));
    const text = JSON.stringify(first.snapshot());
    const restored = newEngine(c, true);
    restored.restore(JSON.parse(text) as SparkSnapshot);
    expect(JSON.stringify(restored.snapshot()), `snapshot after restore at cut ${String(k)}`).toBe(
      text,
    );
    c.batches.slice(k).forEach((batch, i) => {
      expect(restored.runBatch(batch), `cut ${String(k)}, batch ${String(k + i)}`).toEqual(
        straight[k + i],
      );
    });
  }
}

describe('snapshot and restore', () => {
  it('continues after a JSON round trip at every cut point as if never stopped', () => {
    fc.assert(fc.property(caseArb(anySpec()), checkCuts), PARAMS);
  });
});
