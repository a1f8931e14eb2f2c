// What a pick on the chart explains: an event of the current step from its trace (a join's in
// words from the join trace), nothing for an older event, a window found again by its id.
import { describe, expect, it } from 'vitest';
import { eventSubject, stepFates, windowId, windowSubject } from '../../src/ui/chart-pick';
import type { RunView } from '../../src/worker/run-manager';
import { Simulation } from '../../src/worker/simulation';
import demo from '../../src/ui/demo-scenario.json';
import join from '../../lessons/12-impressions-joined-with-clicks/scenario.json';

interface Scenario {
  query: Record<string, unknown>;
  batches: Record<string, unknown>[][];
}

function at(scenario: Scenario, position: number) {
  const sim = new Simulation({
    semantics: 'spark',
    query: scenario.query,
    input: { kind: 'batches', batches: scenario.batches } as never,
  });
  sim.seek(position);
  const view = {
    runId: 'r',
    name: 'n',
    semantics: 'spark',
    query: scenario.query,
    position: sim.position,
    length: sim.length,
    step: sim.current,
    history: sim.history,
    at: null,
    nextAt: null,
    compare: null,
    input: null,
  } as RunView;
  return { view, timeline: sim.timeline() };
}

describe('chart picks', () => {
  it('an event of the current step is explained from its fate; an older one is not', () => {
    const { view, timeline } = at(demo, 2);
    const last = timeline.steps.at(-1);
    if (!last) throw new Error('no step');
    expect(stepFates(view)).toHaveLength(last.eventCount);
    const subject = eventSubject(view, timeline, last.firstEvent);
    expect(subject?.kind).toBe('event');
    if (subject?.kind === 'event') expect(subject.eventLabel).toMatch(/^\d\d:\d\d:\d\d$/);
    if (last.firstEvent > 0) expect(eventSubject(view, timeline, 0)).toBeNull();
  });

  it('a join’s event is explained in words from the join trace', () => {
    const { view, timeline } = at(join, 1);
    const subject = eventSubject(view, timeline, 3);
    expect(subject?.kind).toBe('text');
  });

  it('a window is found again by its id, and a missing one gives nothing', () => {
    const { timeline } = at(demo, 2);
    const w = timeline.windows[0];
    if (!w) throw new Error('no window');
    expect(windowSubject(timeline, windowId(w))).toEqual({ kind: 'window', window: w });
    expect(windowSubject(timeline, 'nope')).toBeNull();
    expect(stepFates(null)).toEqual([]);
  });
});
