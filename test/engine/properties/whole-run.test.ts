// Every query shape, every mode, no-data batches on or off: each batch's result (watermark,
// rows as a multiset, dropped, droppedEvents, stateRows) equals the simulating reference's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anySpec, caseArb, specArb } from './arbitraries';
import { multiset, PARAMS, runEngine, type Case } from './harness';
import { simulate } from './reference';

function checkWholeRun(c: Case): void {
  const outputs = runEngine(c);
  const sim = simulate(c.spec, c.batches);
  outputs.forEach(({ result }, b) => {
    const ref = sim[b];
    const at = `batch ${String(b)}`;
    expect(result.watermark, at).toBe(ref?.ranWith);
    expect(multiset(result.rows), at).toEqual(multiset(ref?.rows ?? []));
    expect([result.dropped, result.droppedEvents, result.stateRows], at).toEqual([
      ref?.dropped,
      ref?.droppedEvents,
      ref?.stateRows,
    ]);
  });
}

describe('the engine against the simulating reference', () => {
  it('agrees batch by batch on every query shape Spark accepts', () => {
    fc.assert(fc.property(caseArb(anySpec()), checkWholeRun), PARAMS);
  });

  it('agrees without no-data batches (evicting and emitting at the next batch with data)', () => {
    const specs = anySpec().map((spec) => ({ ...spec, noDataMicroBatches: false }));
    fc.assert(fc.property(caseArb(specs), checkWholeRun), PARAMS);
  });

  describe('keeps distinct key values apart: "null" beside a missing value, NUL characters in strings', () => {
    it('in every query shape', () => {
      fc.assert(fc.property(caseArb(anySpec(), { keys: 'tricky' }), checkWholeRun), PARAMS);
    });

    it('in sessions with a watermark, where late rows are counted per (key, session)', () => {
      const specs = specArb({
        modes: ['append', 'complete'],
        windows: ['session'],
        watermark: 'always',
        noDataOff: 'maybe',
      });
      fc.assert(fc.property(caseArb(specs, { keys: 'tricky' }), checkWholeRun), PARAMS);
    });
  });
});
