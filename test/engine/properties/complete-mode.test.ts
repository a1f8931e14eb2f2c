// Property 1: complete mode without a watermark emits, after every batch, the aggregate of every
// event so far (and with a watermark too, for time windows, which complete mode never drops).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../../src/engine/types';
import { caseArb, specArb } from './arbitraries';
import { multiset, PARAMS, runEngine, type Case } from './harness';
import { resultTable } from './reference';

function checkWholeTable(c: Case): void {
  const outputs = runEngine(c);
  const seen: Event[] = [];
  c.batches.forEach((batch, b) => {
    seen.push(...batch);
    const result = outputs[b]?.result;
    // An empty trigger runs nothing, so it emits nothing.
    const expected = batch.length === 0 ? [] : resultTable(c.spec, seen);
    expect(multiset(result?.rows ?? []), `batch ${String(b)}`).toEqual(multiset(expected));
    expect(result?.dropped).toBe(0);
    expect(result?.droppedEvents).toBe(0);
  });
}

describe('complete mode: the whole result table every batch', () => {
  it('without a watermark equals the aggregate of all events so far', () => {
    const specs = specArb({
      modes: ['complete'],
      windows: ['tumbling', 'sliding', 'session', 'none', 'raw-time'],
      watermark: 'never',
    });
    fc.assert(fc.property(caseArb(specs), checkWholeTable), PARAMS);
  });

  it('with a watermark on time windows still counts every event (complete never drops)', () => {
    const specs = specArb({
      modes: ['complete'],
      windows: ['tumbling', 'sliding', 'none', 'raw-time'],
      watermark: 'always',
    });
    fc.assert(fc.property(caseArb(specs), checkWholeTable), PARAMS);
  });
});
