// What the page's chart would otherwise loop over every event and window for: the timeline's
// windows in the order the chart lays them out, and figures over all events and windows.
import { FATE, type TimelineWindow, type WindowStatus } from './timeline';

/** What the chart reads of every event and window (absent: the page works them out). */
export interface TimelineSummary {
  /** The drawn events' (all but markers) earliest and latest finite event time, or null. */
  readonly extent: readonly [number, number] | null;
  /** Drawn events with no event time. */
  readonly untimed: number;
  readonly drawn: number;
  /** Drawn events per fate code. */
  readonly fates: Readonly<Record<number, number>>;
  /** The earliest finite window start and latest finite window end, or null. */
  readonly windowSpan: readonly [number, number] | null;
  readonly statuses: Readonly<Partial<Record<WindowStatus, number>>>;
}

/**
 * Windows in the order the chart lays them out (start, end, then key; code-unit order, as any
 * fixed order does): sorted here, so the page does not sort a big run's windows itself.
 */
export function byPlace(a: TimelineWindow, b: TimelineWindow): number {
  return (
    (a.start ?? -Infinity) - (b.start ?? -Infinity) ||
    (a.end ?? -Infinity) - (b.end ?? -Infinity) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

export function summarise(
  eventTime: Float64Array,
  fate: Uint8Array,
  windows: readonly TimelineWindow[],
): TimelineSummary {
  let min = Infinity;
  let max = -Infinity;
  let untimed = 0;
  let drawn = 0;
  const fates: Record<number, number> = {};
  for (let i = 0; i < fate.length; i++) {
    const f = fate[i] as number;
    if (f === FATE.marker) continue;
    drawn++;
    fates[f] = (fates[f] ?? 0) + 1;
    const t = eventTime[i] as number;
    if (!Number.isFinite(t)) untimed++;
    else {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  let first = Infinity;
  let last = -Infinity;
  const statuses: Partial<Record<WindowStatus, number>> = {};
  for (const w of windows) {
    statuses[w.status] = (statuses[w.status] ?? 0) + 1;
    if (w.start !== null && Number.isFinite(w.start)) first = Math.min(first, w.start);
    if (w.end !== null && Number.isFinite(w.end)) last = Math.max(last, w.end);
  }
  return {
    extent: min <= max ? [min, max] : null,
    untimed,
    drawn,
    fates,
    windowSpan: first <= last ? [first, last] : null,
    statuses,
  };
}
