import { describe, expect, it } from 'vitest';
import type { EventFate } from '../../../src/engine/trace';
import {
  bandNumbers,
  currentStepOf,
  groupWindowId,
  stepArrivals,
  tickStarts,
  tickValue,
  windowMotions,
} from '../../../src/ui/chart/step-motion';
import { placeWindows } from '../../../src/ui/chart/window-lanes';
import { Simulation } from '../../../src/worker/simulation';
import { batches, slidingQuery, tumblingQuery } from './fixtures';

/** The timeline after `steps` steps, its placed windows, and the last step's fates from its trace. */
function at(steps: number, semantics: 'spark' | 'flink' = 'spark', query: unknown = tumblingQuery) {
  const sim = new Simulation({ semantics, query, input: { kind: 'batches', batches } });
  sim.seek(steps);
  const timeline = sim.timeline();
  const step = sim.current;
  const fates: readonly (EventFate | null)[] =
    step === null ? [] : step.kind === 'spark' ? step.trace.events : [step.trace.fate];
  return { timeline, placed: placeWindows(timeline.windows, 10).placed, fates };
}

describe('windowMotions', () => {
  it('says which windows a step counted into, and which it closed', () => {
    const first = at(1);
    expect(currentStepOf(first.timeline)).toBe(0);
    expect([...windowMotions(first.placed, 0)]).toEqual([
      ['0|10000|a', 'counted'],
      ['0|10000|b', 'counted'],
    ]);
    // Batch 1 emits both [0, 10 s) windows (append) and opens a's next one.
    const second = at(2);
    expect(Object.fromEntries(windowMotions(second.placed, 1))).toEqual({
      '0|10000|a': 'closed',
      '0|10000|b': 'closed',
      '10000|20000|a': 'counted',
    });
    // A batch with only a late event changes no window.
    expect(windowMotions(at(3).placed, 2).size).toBe(0);
  });

  it('fades windows evicted without output (update mode), and flashes Flink’s fire-and-clear', () => {
    expect(Object.fromEntries(windowMotions(at(2, 'spark', slidingQuery).placed, 1))).toEqual({
      '-5000|5000|': 'evicted',
      '0|10000|': 'evicted',
      '10000|20000|': 'counted',
      '15000|25000|': 'counted',
    });
    expect(windowMotions(at(4, 'flink').placed, 3).get('0|10000|a')).toBe('closed');
  });
});

describe('stepArrivals', () => {
  it('sends each counted event of the step to the bands its trace names, late ones nowhere', () => {
    const { timeline, placed, fates } = at(1);
    expect(stepArrivals(timeline, fates, placed)).toEqual([
      { event: 0, windowId: '0|10000|a', lane: 0 },
      { event: 1, windowId: '0|10000|b', lane: 1 },
    ]);
    const late = at(3);
    expect(stepArrivals(late.timeline, late.fates, late.placed)).toEqual([]);
  });

  it('sends a sliding window’s event into every window it was counted in, up to a limit', () => {
    const { timeline, placed, fates } = at(1, 'spark', slidingQuery);
    const arrivals = stepArrivals(timeline, fates, placed);
    expect(arrivals).toHaveLength(6);
    expect(new Set(arrivals.filter((a) => a.event === 2).map((a) => a.windowId))).toEqual(
      new Set(['0|10000|', '-5000|5000|']),
    );
    expect(stepArrivals(timeline, fates, placed, 4)).toHaveLength(4);
  });

  it('moves nothing when the fates are not the last step’s, or the window is off the strip', () => {
    const { timeline, placed, fates } = at(1);
    expect(stepArrivals(timeline, fates.slice(1), placed)).toEqual([]);
    expect(stepArrivals(timeline, fates, placed.slice(1))).toEqual([
      { event: 1, windowId: '0|10000|b', lane: 1 },
    ]);
  });

  it('names windows as the chart does', () => {
    expect(groupWindowId({ windowStart: 0, windowEnd: 10, key: ['a', 7] })).toBe('0|10|a · 7');
  });
});

describe('band ticks', () => {
  it('start from the number shown before; a new whole number counts up from 0', () => {
    const before = at(1);
    const after = at(2, 'spark', tumblingQuery);
    const motions = windowMotions(after.placed, 1);
    // Closed bands do not tick; the new one counts up from 0.
    expect([...tickStarts(after.placed, motions, bandNumbers(before.placed))]).toEqual([
      ['10000|20000|a', 0],
    ]);
    // Nothing ticks when the value shown is already the value reported.
    expect(tickStarts(after.placed, motions, bandNumbers(after.placed)).size).toBe(0);
  });

  it('pass through whole numbers for whole values, and end exactly on the value', () => {
    expect([0, 0.25, 0.5, 1].map((p) => tickValue(2, 6, p))).toEqual([2, 3, 4, 6]);
    expect(tickValue(0, 1.5, 0.5)).toBe(0.75);
    expect(tickValue(0.1, 0.3, 1)).toBe(0.3);
    expect(tickValue(5, 9, -1)).toBe(5);
  });
});
