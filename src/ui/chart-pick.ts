// What a pick on the chart explains in "Why?", for the free-play run and the lesson player alike:
// an event of the current step from its trace (a join's from the join trace), a window by its id.
import type { EventFate } from '../engine/trace';
import type { RunView } from '../worker/run-manager';
import type { Timeline, TimelineWindow } from '../worker/timeline';
import { explainInput } from './join/join-why';
import type { WhySubject } from './why/why-subject';

/** The chart's id of a window: `${start}|${end}|${key}`. */
export const windowId = (w: Pick<TimelineWindow, 'start' | 'end' | 'key'>): string =>
  `${String(w.start)}|${String(w.end)}|${w.key}`;

/** The trace's fate of each event of the current step (the chart's motion trails). */
export function stepFates(view: RunView | null): readonly (EventFate | null)[] {
  const step = view?.step;
  if (!step) return [];
  return step.kind === 'spark' ? step.trace.events : [step.trace.fate];
}

/** An event of the current step is explained from its trace; older ones (null) are only marked. */
export function eventSubject(
  view: RunView | null,
  timeline: Timeline | null,
  index: number,
): WhySubject {
  const last = timeline?.steps.at(-1);
  const step = view?.step;
  if (!step || !last) return null;
  const at = index - last.firstEvent;
  if (at < 0 || at >= last.eventCount) return null;
  const fate = step.kind === 'spark' ? step.trace.events[at] : step.trace.fate;
  if (!fate) return null;
  if (step.kind === 'spark' && step.join) {
    const said = explainInput(step.join, at, step.input, step.processingTime);
    if (said) return { kind: 'text', ...said };
  }
  const time = timeline?.eventTime[index];
  const label =
    time === undefined || Number.isNaN(time) ? 'event' : new Date(time).toISOString().slice(11, 19);
  return { kind: 'event', fate, eventLabel: label };
}

/** The window with chart id `id` in this timeline (looked up again after every move). */
export function windowSubject(timeline: Timeline | null, id: string): WhySubject {
  const window = timeline?.windows.find((w) => windowId(w) === id);
  return window ? { kind: 'window', window } : null;
}
