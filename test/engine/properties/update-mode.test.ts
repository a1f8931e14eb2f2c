// Property 3: update mode with a watermark. Each batch emits exactly the groups that took non-late
// input in it, with their value over every non-late event so far; `dropped` counts the distinct
// late (key, window) groups of the input and `droppedEvents` the events late for every window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event, Row } from '../../../src/engine/types';
import { caseArb, specArb } from './arbitraries';
import { multiset, PARAMS, runEngine, type Case } from './harness';
import {
  candidates,
  isGlobal,
  needsTime,
  passes,
  rowOf,
  simulate,
  timeOf,
  watermarks,
  type RefGroup,
} from './reference';

function checkUpdate(c: Case): void {
  const outputs = runEngine(c).map((o) => o.result);
  const clocks = watermarks(c.spec, c.batches);
  const sim = simulate(c.spec, c.batches);
  /** Every non-late event so far, by group. */
  const groups = new Map<string, RefGroup>();
  c.batches.forEach((batch, b) => {
    const at = `batch ${String(b)}`;
    const wm = clocks[b]?.ranWith ?? 0;
    const touched = new Set<string>();
    const late = new Set<string>();
    let lateEvents = 0;
    for (const e of batch) {
      const ts = timeOf(e);
      if (!passes(c.spec, e) || (ts === null && needsTime(c.spec))) continue;
      let counted = 0;
      for (const g of candidates(c.spec, e, ts)) {
        if (g.bound !== null && g.bound <= wm) {
          late.add(g.id);
          continue;
        }
        const group = groups.get(g.id) ?? { ...g, events: [] as Event[] };
        group.events.push(e);
        groups.set(g.id, group);
        touched.add(g.id);
        counted++;
      }
      if (counted === 0) lateEvents++;
    }
    // A global aggregation emits its row after every run (data and no-data): the simulating
    // reference below has that rule; here only grouped queries are recomputed from scratch.
    const expected: Row[] = isGlobal(c.spec)
      ? (sim[b]?.rows ?? [])
      : [...touched].map((id) => rowOf(c.spec, groups.get(id) as RefGroup));
    const result = outputs[b];
    expect(result?.watermark, at).toBe(clocks[b]?.ranWith);
    expect(multiset(result?.rows ?? []), at).toEqual(multiset(expected));
    expect(result?.dropped, at).toBe(late.size);
    expect(result?.droppedEvents, at).toBe(lateEvents);
    // The simulating reference agrees.
    expect(multiset(sim[b]?.rows ?? []), at).toEqual(multiset(expected));
  });
}

describe('update mode with a watermark', () => {
  it('emits the non-late groups that took input, with every non-late event so far', () => {
    const specs = specArb({
      modes: ['update'],
      windows: ['tumbling', 'sliding', 'none', 'raw-time'],
      watermark: 'always',
    });
    fc.assert(fc.property(caseArb(specs), checkUpdate), PARAMS);
  });
});
