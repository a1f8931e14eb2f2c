// Property 6: the trace tells the truth. Every input event has exactly one fate; a counted event
// lists groups whose windows contain its time; the memberships of a batch add up to the growth
// of count(*); and fates, late drops and watermarks match the reference's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventFate, GroupRef, SparkBatchTrace } from '../../../src/engine/trace';
import type { Row } from '../../../src/engine/types';
import { anySpec, caseArb } from './arbitraries';
import { multiset, PARAMS, rowGroup, runEngine, type Case } from './harness';
import { groupId, passes, simulate, timeOf, TIME, type RefFate, type Spec } from './reference';

const idOf = (g: GroupRef): string => groupId(g.windowStart, g.windowEnd, g.key);
const sorted = (ids: readonly string[]): string[] => [...ids].sort();

/** The group holds the event time: inside [start, end), or as the time column of the key. */
function holds(spec: Spec, g: GroupRef, t: number | null): boolean {
  if (spec.window.type !== 'none')
    return (
      t !== null &&
      g.windowStart !== null &&
      g.windowEnd !== null &&
      g.windowStart <= t &&
      t < g.windowEnd
    );
  if (g.windowStart !== null || g.windowEnd !== null) return false;
  const at = spec.groupBy.indexOf(TIME);
  return at < 0 || g.key[at] === t;
}

function sameFate(actual: EventFate, expected: RefFate | undefined): void {
  expect(actual.kind).toBe(expected?.kind);
  if (expected?.kind === 'counted' && actual.kind === 'counted') {
    expect(actual.eventTime).toBe(expected.eventTime);
    expect(sorted(actual.groups.map(idOf))).toEqual(sorted(expected.groups));
    expect(sorted(actual.late.map((d) => idOf(d.group)))).toEqual(sorted(expected.late));
  }
  if (expected?.kind === 'late' && actual.kind === 'late') {
    expect(actual.eventTime).toBe(expected.eventTime);
    expect(sorted(actual.late.map((d) => idOf(d.group)))).toEqual(sorted(expected.late));
  }
}

const countOf = (row: Row): number => Number(row.n);
const total = (rows: readonly Row[]): number => rows.reduce((s, r) => s + countOf(r), 0);

function checkTrace(c: Case): void {
  const { spec } = c;
  const outputs = runEngine(c, true);
  const sim = simulate(spec, c.batches);
  let maxTime: number | null = null;
  let completeTotal = 0;
  const updateCounts = new Map<string, number>();
  c.batches.forEach((batch, b) => {
    const at = `batch ${String(b)}`;
    const { result, trace: maybeTrace } = outputs[b] ?? {};
    const trace = maybeTrace as SparkBatchTrace;
    const ref = sim[b];
    expect(trace.events.length, at).toBe(batch.length);
    let memberships = 0;
    batch.forEach((e, i) => {
      const ev = `${at}, event ${String(i)}`;
      expect(i in trace.events, `${ev} has no fate`).toBe(true);
      const fate = trace.events[i] as EventFate;
      const t = timeOf(e);
      if (passes(spec, e) && t !== null && (maxTime === null || t > maxTime)) maxTime = t;
      if (fate.kind === 'counted') {
        expect(fate.groups.length, ev).toBeGreaterThan(0);
        expect(new Set(fate.groups.map(idOf)).size, `${ev}: a group listed twice`).toBe(
          fate.groups.length,
        );
        for (const g of fate.groups)
          expect(holds(spec, g, t), `${ev} counted in ${idOf(g)}`).toBe(true);
        memberships += fate.groups.length;
      }
      if (fate.kind === 'counted' || fate.kind === 'late') {
        for (const drop of fate.late) {
          expect(drop.watermark, ev).toBe(ref?.lateThreshold);
          expect(drop.bound, ev).toBeLessThanOrEqual(drop.watermark);
          const rule =
            spec.window.type === 'session'
              ? 'session_end'
              : spec.window.type === 'none'
                ? 'event_time'
                : 'window_end';
          expect(drop.rule, ev).toBe(`${rule} <= watermark`);
          expect(drop.bound, ev).toBe(spec.window.type === 'none' ? t : drop.group.windowEnd);
          expect(holds(spec, drop.group, t), ev).toBe(true);
        }
      }
      sameFate(fate, ref?.fates[i]);
    });
    expect(trace.watermarkBefore, at).toBe(result?.watermark);
    expect(trace.watermarkAfter, at).toBe(ref?.after);
    expect(trace.maxEventTime, at).toBe(spec.delayMs === null ? null : maxTime);
    expect(trace.stateRows, at).toBe(result?.stateRows);
    const rows = result?.rows ?? [];
    if (batch.length === 0) return;
    // Memberships add up to the growth of count(*).
    if (spec.mode === 'complete') {
      expect(total(rows) - completeTotal, `${at}: count(*) growth`).toBe(memberships);
      completeTotal = total(rows);
    }
    if (spec.mode === 'update') {
      let growth = 0;
      for (const row of rows) {
        const g = rowGroup(spec, row);
        growth += countOf(row) - (updateCounts.get(g) ?? 0);
        updateCounts.set(g, countOf(row));
      }
      expect(growth, `${at}: count(*) growth`).toBe(memberships);
    }
    // What the trace says was output is what was output.
    if (spec.mode === 'append') {
      const emitted = trace.windows.filter((w) => w.kind === 'emitted').map((w) => w.value);
      expect(multiset(emitted), at).toEqual(multiset(rows));
    }
    if (spec.mode === 'update') {
      // Every run's changes: a global aggregation's no-data run outputs its row too.
      const changed = trace.windows.filter((w) =>
        ['created', 'updated', 'merged'].includes(w.kind),
      );
      expect(multiset(changed.map((w) => w.value)), at).toEqual(multiset(rows));
    }
  });
}

describe('trace', () => {
  it('gives every event one fate that agrees with the windows, the counts and the reference', () => {
    fc.assert(fc.property(caseArb(anySpec(true)), checkTrace), PARAMS);
  });
});
