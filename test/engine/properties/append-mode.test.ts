// Property 2: append mode with a watermark (no-data batches on). Every group is emitted exactly
// once, in the batch after which the watermark first reached its end, with the aggregate of the
// events that were not late; lateness is judged here from the reference's own watermark.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event, Row } from '../../../src/engine/types';
import { caseArb, specArb } from './arbitraries';
import { multiset, PARAMS, rowGroup, runEngine, type Case } from './harness';
import {
  candidates,
  passes,
  rowOf,
  simulate,
  timeOf,
  watermarks,
  type Candidate,
  type RefGroup,
} from './reference';

/** Rows per batch for time windows and raw-time groups, from the definition alone. */
function expectedWindowRows(c: Case): {
  rows: Row[][];
  dropped: number[];
  droppedEvents: number[];
} {
  const clocks = watermarks(c.spec, c.batches);
  const groups = new Map<string, RefGroup>();
  const dropped: number[] = [];
  const droppedEvents: number[] = [];
  c.batches.forEach((batch, b) => {
    const wm = clocks[b]?.ranWith ?? 0;
    const late = new Set<string>();
    let lateEvents = 0;
    for (const e of batch) {
      const ts = timeOf(e);
      if (ts === null || !passes(c.spec, e)) continue;
      const isLate = (g: Candidate): boolean => g.bound !== null && g.bound <= wm;
      const all = candidates(c.spec, e, ts);
      for (const g of all.filter(isLate)) late.add(g.id);
      for (const g of all.filter((x) => !isLate(x))) {
        const group = groups.get(g.id) ?? { ...g, events: [] as Event[] };
        group.events.push(e);
        groups.set(g.id, group);
      }
      if (all.every(isLate)) lateEvents++;
    }
    dropped.push(late.size);
    droppedEvents.push(lateEvents);
  });
  const rows: Row[][] = c.batches.map(() => []);
  for (const g of groups.values()) {
    const at = clocks.findIndex(
      (clock) => clock.after !== null && g.bound !== null && g.bound <= clock.after,
    );
    if (at >= 0) rows[at]?.push(rowOf(c.spec, g));
  }
  return { rows, dropped, droppedEvents };
}

function checkAppend(c: Case): void {
  const outputs = runEngine(c).map((o) => o.result);
  const clocks = watermarks(c.spec, c.batches);
  const sim = simulate(c.spec, c.batches);
  const declared = c.spec.window.type === 'session' ? null : expectedWindowRows(c);
  const emitted = new Set<string>();
  outputs.forEach((result, b) => {
    const at = `batch ${String(b)}`;
    expect(result.watermark, at).toBe(clocks[b]?.ranWith);
    for (const row of result.rows) {
      // Exactly once over the run, and only once the watermark reached its end.
      const group = rowGroup(c.spec, row);
      expect(emitted.has(group), `${at}: ${group} emitted twice`).toBe(false);
      emitted.add(group);
      const bound = Number(c.spec.window.type === 'none' ? row.ts : row.window_end);
      expect(bound, at).toBeLessThanOrEqual(clocks[b]?.after ?? -Infinity);
      expect(bound, at).toBeGreaterThan(b === 0 ? -Infinity : (clocks[b - 1]?.after ?? -Infinity));
    }
    const ref = sim[b];
    if (declared === null) {
      // Sessions: the reference merges the non-late events with what is still in state.
      expect(multiset(result.rows), at).toEqual(multiset(ref?.rows ?? []));
      expect(result.dropped, at).toBe(ref?.dropped);
      expect(result.droppedEvents, at).toBe(ref?.droppedEvents);
    } else {
      expect(multiset(result.rows), at).toEqual(multiset(declared.rows[b] ?? []));
      expect(result.dropped, at).toBe(declared.dropped[b]);
      expect(result.droppedEvents, at).toBe(declared.droppedEvents[b]);
      // The two references agree with each other.
      expect(multiset(ref?.rows ?? []), at).toEqual(multiset(declared.rows[b] ?? []));
    }
  });
}

describe('append mode with a watermark', () => {
  it('emits each group once, final, when the watermark passes its end (time windows, raw time)', () => {
    const specs = specArb({
      modes: ['append'],
      windows: ['tumbling', 'sliding', 'raw-time'],
      watermark: 'always',
    });
    fc.assert(fc.property(caseArb(specs), checkAppend), PARAMS);
  });

  it('emits each session once, final, merged from the events that were not late', () => {
    const specs = specArb({ modes: ['append'], windows: ['session'], watermark: 'always' });
    fc.assert(fc.property(caseArb(specs), checkAppend), PARAMS);
  });
});
